package action

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// Defaults of the inputs that action.yml documents.
const (
	DefaultMaxComments     = 30
	DefaultTimeout         = 10 * time.Minute
	DefaultFlowLabelPrefix = "mtls-pop:"
)

// Config is the action's inputs, read from INPUT_<NAME> variables (name
// upper-cased, hyphens kept, as the runner sets them) and checked.
type Config struct {
	// Token is the github-token input; it is masked in the log.
	Token string
	// Guidance lists guidance files, directories or globs in the repository, read from
	// the PR's base commit; empty means the embedded guidance.
	Guidance []string
	// ConfigFile is the configuration file (config input), read from the
	// PR's base commit.
	ConfigFile string
	// SARIFFile, when set, is where the SARIF log is written (sarif-file
	// input), relative to the workspace.
	SARIFFile string
	// FailOn is the lowest severity that fails the step; 0 means never.
	FailOn rules.Severity
	// ReviewEvent is COMMENT or REQUEST_CHANGES.
	ReviewEvent string
	// MaxComments caps the inline comments of one review.
	MaxComments int
	// Flow, when set, overrides the classified flow (a flow label wins).
	Flow review.Flow
	// FlowLabelPrefix marks the PR labels that name a flow.
	FlowLabelPrefix string
	// CaseSensitiveGlobs matches applies_to globs as written.
	CaseSensitiveGlobs bool
	// PRNumber and CommitSHA name the PR to review when the event is not a
	// pull_request one (workflow_run, workflow_dispatch).
	PRNumber  int
	CommitSHA string
	// DryRun computes and logs the review and posts nothing.
	DryRun bool
	// PostEmpty posts a review for a change in scope by path only with
	// nothing to review (flow none, no finding); false (the default) sets
	// only the outputs and the job summary for it.
	PostEmpty bool
	// Timeout bounds the whole run, waits and retries included.
	Timeout time.Duration
	// InlineLevel is the lowest severity commented inline; lower findings
	// are in the summary only.
	InlineLevel rules.Severity
	// BotLogin is the account whose earlier comments and reviews are the
	// bot's own (bot-login input); empty means the token's account:
	// github-actions[bot] for an installation token, GET /user's login
	// for another.
	BotLogin string
}

// getInput reads an action input the way the runner passes it, the same
// way go-githubactions' GetInput does: INPUT_ + the name upper-cased with
// spaces turned into underscores and hyphens kept; the value is trimmed.
func getInput(getenv func(string) string, name string) string {
	key := "INPUT_" + strings.ToUpper(strings.ReplaceAll(name, " ", "_"))
	return strings.TrimSpace(getenv(key))
}

// readConfig reads and checks every input. Its errors name the input and
// say what to write instead.
func readConfig(getenv func(string) string) (*Config, error) {
	in := func(name string) string { return getInput(getenv, name) }
	c := &Config{
		Token:           in("github-token"),
		ReviewEvent:     "COMMENT",
		MaxComments:     DefaultMaxComments,
		FlowLabelPrefix: DefaultFlowLabelPrefix,
		FailOn:          rules.Error,
		InlineLevel:     rules.Warning,
		Timeout:         DefaultTimeout,
	}
	if c.Token == "" {
		return nil, fmt.Errorf("input github-token is empty: pass `github-token: ${{ github.token }}` (the default) or a token with pull-requests: write")
	}
	for _, g := range strings.FieldsFunc(in("guidance"), func(r rune) bool { return r == '\n' || r == ',' }) {
		if g = strings.TrimSpace(g); g != "" {
			g = strings.TrimPrefix(g, "./")
			if strings.HasPrefix(g, "/") || strings.Contains("/"+g+"/", "/../") {
				return nil, fmt.Errorf("input guidance %q: give a path relative to the repository root, without .. (it is read from the PR's base commit)", g)
			}
			c.Guidance = append(c.Guidance, g)
		}
	}
	var err error
	if c.ConfigFile, err = configInput(in); err != nil {
		return nil, err
	}
	if c.SARIFFile, err = sarifInput(in); err != nil {
		return nil, err
	}
	switch v := strings.ToLower(in("fail-on")); v {
	case "":
	case "never":
		c.FailOn = 0
	default:
		s, err := rules.ParseSeverity(v)
		if err != nil {
			return nil, fmt.Errorf("input fail-on %q: use error, warning, notice or never", v)
		}
		c.FailOn = s
	}
	switch v := strings.ToUpper(in("review-event")); v {
	case "":
	case "COMMENT", "REQUEST_CHANGES":
		c.ReviewEvent = v
	default:
		return nil, fmt.Errorf("input review-event %q: use COMMENT or REQUEST_CHANGES (reviewbot never approves)", v)
	}
	if v := in("max-comments"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 1000 {
			return nil, fmt.Errorf("input max-comments %q: give a whole number from 0 to 1000 (0 puts every finding in the summary)", v)
		}
		c.MaxComments = n
	}
	if v := in("flow"); v != "" {
		f, err := review.ParseFlow(strings.ToLower(v))
		if err != nil {
			return nil, fmt.Errorf("input flow %q: use vanilla, fic, both or none, or leave it empty to classify", v)
		}
		c.Flow = f
	}
	if v := in("flow-label-prefix"); v != "" {
		c.FlowLabelPrefix = v
	}
	if c.CaseSensitiveGlobs, err = boolInput(in, "case-sensitive-globs"); err != nil {
		return nil, err
	}
	if c.DryRun, err = boolInput(in, "dry-run"); err != nil {
		return nil, err
	}
	if c.PostEmpty, err = boolInput(in, "post-empty"); err != nil {
		return nil, err
	}
	if v := in("pr-number"); v != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(v, "#"))
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("input pr-number %q: give the pull request's number, e.g. 42", v)
		}
		c.PRNumber = n
	}
	if v := in("commit-sha"); v != "" {
		if !isSHA(v) {
			return nil, fmt.Errorf("input commit-sha %q: give the PR head's full 40-character commit SHA", v)
		}
		c.CommitSHA = strings.ToLower(v)
	}
	if v := strings.ToLower(in("inline-level")); v != "" {
		sv, err := rules.ParseSeverity(v)
		if err != nil {
			return nil, fmt.Errorf("input inline-level %q: use error, warning or notice", v)
		}
		c.InlineLevel = sv
	}
	if v := in("bot-login"); v != "" {
		if !loginRe.MatchString(v) {
			return nil, fmt.Errorf("input bot-login %q: give the GitHub login that posts the reviews, e.g. my-app[bot] for a GitHub App's token", v)
		}
		c.BotLogin = v
	}
	if v := in("timeout"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			n, nerr := strconv.Atoi(v)
			if nerr != nil {
				return nil, fmt.Errorf("input timeout %q: give a duration such as 5m or 90s", v)
			}
			d = time.Duration(n) * time.Second
		}
		if d <= 0 || d > 6*time.Hour {
			return nil, fmt.Errorf("input timeout %q: give a duration between 1s and 6h", v)
		}
		c.Timeout = d
	}
	return c, nil
}

// loginRe is a GitHub login, with the "[bot]" suffix of an app's account.
var loginRe = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$`)

func boolInput(in func(string) string, name string) (bool, error) {
	switch v := strings.ToLower(in(name)); v {
	case "", "false", "no", "0", "off":
		return false, nil
	case "true", "yes", "1", "on":
		return true, nil
	default:
		return false, fmt.Errorf("input %s %q: use true or false", name, v)
	}
}

func isSHA(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, r := range strings.ToLower(s) {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') {
			return false
		}
	}
	return true
}
