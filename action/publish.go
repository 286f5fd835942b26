package action

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/google/go-github/v60/github"

	"github.com/reviewbot/reviewbot/report"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// Hidden markers. Every body the bot writes carries one, and the bot only
// trusts bodies that carry it AND come from the token's own account.
const (
	summaryMarker    = "<!-- reviewbot:summary -->"
	supersededMarker = "<!-- reviewbot:superseded -->"
	fpPrefix         = "<!-- reviewbot:fp="
	runPrefix        = "<!-- reviewbot:run="
	statePrefix      = "<!-- reviewbot:state="
	markerEnd        = " -->"
)

var (
	fpRe    = regexp.MustCompile(`<!-- reviewbot:fp=([0-9a-f]{16}(?:-[0-9]+)?) -->`)
	stateRe = regexp.MustCompile(`<!-- reviewbot:state=([A-Za-z0-9+/=]*) -->`)
	runRe   = regexp.MustCompile(`<!-- reviewbot:run=[0-9a-f]+ -->\n?`)
)

// inlineText is what the summary says of a finding that has an inline
// comment.
const inlineText = "see the comment on this line"

// cleanupTimeout bounds the deletion of a pending test review after the
// run was cancelled.
const cleanupTimeout = 15 * time.Second

// maxStateEntries bounds the findings remembered in the summary's state.
const maxStateEntries = 400

// state is what a summary remembers for the next run, base64 JSON in a
// hidden marker: the head it reviewed, the fingerprints of its findings,
// of the findings fixed since they were first seen and of the comments
// GitHub refused.
type state struct {
	// Head is the head commit the summary reviewed.
	Head     string                `json:"h,omitempty"`
	Findings map[string]stateEntry `json:"f"`
	Fixed    map[string]stateEntry `json:"x,omitempty"`
	// Refused are the comments GitHub refused on Head, and why: a re-run
	// on the same head does not try them again.
	Refused    map[string]stateEntry `json:"n,omitempty"`
	RefusedWhy string                `json:"w,omitempty"`
	// Commented maps the fingerprints the bot commented to the line of the
	// comment: a comment a person deleted is not posted again there.
	Commented map[string]int `json:"c,omitempty"`
}

type stateEntry struct {
	Rule string `json:"r"`
	Path string `json:"p"`
}

// fingerprint identifies a finding across pushes: its rule, its path and
// the text of its line with whitespace folded, so the same finding on
// a shifted line keeps its fingerprint.
func fingerprint(rule, path, lineText string) string {
	norm := strings.Join(strings.Fields(lineText), " ")
	h := sha256.Sum256([]byte(rule + "\x00" + path + "\x00" + norm))
	return hex.EncodeToString(h[:8])
}

// fingerprints gives every finding its fingerprint; the k-th finding with
// the same rule, path and line text gets the suffix -k.
func fingerprints(res *review.Result, ch *review.Change) []string {
	out := make([]string, len(res.Findings))
	seen := map[string]int{}
	for i, f := range res.Findings {
		text := f.Excerpt
		if t, ok := ch.LineText(f.Path, f.Line); ok {
			text = t
		}
		fp := fingerprint(f.Rule, f.Path, text)
		seen[fp]++
		if n := seen[fp]; n > 1 {
			fp = fmt.Sprintf("%s-%d", fp, n)
		}
		out[i] = fp
	}
	return out
}

// baseFingerprint strips the occurrence suffix "-k" of a fingerprint.
func baseFingerprint(fp string) string {
	if i := strings.IndexByte(fp, '-'); i >= 0 {
		return fp[:i]
	}
	return fp
}

// earlierComment is one of the bot's inline comments as GitHub lists it
// now: line is where GitHub shows it at the current head (GitHub moves a
// comment with its line across pushes), 0 when it is outdated.
type earlierComment struct {
	id   int64
	line int
	url  string
	// replied is set once the bot replied "fixed in" on its thread.
	replied bool
}

// matchComments tells which findings already have a comment. Findings on
// identical lines share a base fingerprint, so each occurrence is matched
// to its own comment: first a comment GitHub shows on the occurrence's
// line, then the comments left (outdated ones, or ones GitHub shows
// elsewhere) to the occurrences left, in order. A line identical to a commented one and inserted above it so gets
// its own comment, and the old line keeps its one.
func matchComments(findings []rules.Finding, fps []string, ch *review.Change, earlier map[string][]earlierComment) (commented map[int]bool, unmatched []earlierComment) {
	groups := map[string][]int{}
	for i := range findings {
		b := baseFingerprint(fps[i])
		groups[b] = append(groups[b], i)
	}
	bases := make([]string, 0, len(earlier))
	for b := range earlier {
		bases = append(bases, b)
	}
	sort.Strings(bases)
	out := map[int]bool{}
	for _, b := range bases {
		occ := groups[b]
		used := make([]bool, len(earlier[b]))
		for _, i := range occ {
			f := findings[i]
			_, end, ok := ch.Anchor(f)
			if !ok {
				end = f.Line
			}
			for k, c := range earlier[b] {
				if !used[k] && c.line > 0 && c.line == end {
					used[k], out[i] = true, true
					break
				}
			}
		}
		k := 0
		for _, i := range occ {
			if out[i] {
				continue
			}
			for k < len(used) && used[k] {
				k++
			}
			if k == len(used) {
				break
			}
			used[k], out[i] = true, true
		}
		for k, c := range earlier[b] {
			if !used[k] {
				unmatched = append(unmatched, c)
			}
		}
	}
	return out, unmatched
}

// earlier is what the bot posted on this PR before.
type earlier struct {
	// comments are the bot's inline comments by base fingerprint (without
	// the occurrence suffix), in the order GitHub lists them.
	comments map[string][]earlierComment
	// latest is the current summary review; nil when there is none.
	latest *github.PullRequestReview
	state  state
	// blocking are the bot's reviews that still request changes.
	blocking []int64
	// pending are the bot's pending reviews, left by an earlier run.
	pending []int64
}

// own reports whether a body came from this bot: its author is exactly
// the bot's login (case-insensitively, as GitHub logins are). Nothing else
// is trusted: not another [bot] account, whatever marker it carries.
func own(u *github.User, login string) bool {
	return u != nil && login != "" && strings.EqualFold(u.GetLogin(), login)
}

// ownPending reports a pending review of the bot's. GitHub lists a
// pending review to its author only, so every pending review the token
// sees is its own, whatever login it is trusted as.
func ownPending(r *github.PullRequestReview) bool { return r.GetState() == "PENDING" }

type publisher struct {
	rv *reviewer
	// svc is where the publisher reads and writes on GitHub.
	svc commentService
	res *review.Result
	// change is the PR's diff, where comments are anchored.
	change *review.Change
	login  string
	nonce  string
	// fellBack is set when the review could not be posted.
	fellBack bool
	// warnedAuthor is set once checkAuthor has warned.
	warnedAuthor bool
	// testing is set once a pending test review was posted: a cancelled
	// run then deletes what it left.
	testing bool
	// gone are the bot's earlier comments no finding matches any more:
	// their findings were fixed.
	gone []earlierComment
	// moved is set when the head moved on during the run.
	moved bool
	fps   []string
}

// draft is one inline comment to post, with the finding it is for.
type draft struct {
	idx int
	c   *github.DraftReviewComment
	// file is set for a finding about the whole file: it is posted as a
	// comment on the file (subject_type "file"), which a review's comments
	// cannot be, so on its own before the review.
	file bool
}

// commentLine is where a finding's comment goes: the last line of its
// anchor, or 0 for a finding about the whole file (on a file of the diff).
func commentLine(f rules.Finding, ch *review.Change) (int, bool) {
	if f.File {
		return 0, ch.Has(f.Path)
	}
	_, end, ok := ch.Anchor(f)
	return end, ok
}

// publish posts the review (or updates the summary, or falls back to
// annotations) and returns the review's URL and the summary Markdown for
// the job summary.
func (p *publisher) publish(ctx context.Context) (reviewURL, summaryMD string, rerr error) {
	rv, res := p.rv, p.res
	fps := fingerprints(res, p.change)
	p.fps = fps
	defer func() {
		if p.testing && ctx.Err() != nil {
			// Cancelled (SIGTERM from cancel-in-progress, or the timeout)
			// while a pending test review may be up: delete it with a
			// fresh deadline, or it blocks every later run.
			cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
			defer cancel()
			if err := p.deleteOwnPending(cctx); err != nil {
				rv.r.warning("the run was cancelled and its pending test review could not be deleted: %s; delete it in the PR's Files tab, or the next run fails", shortErr(err))
			}
		}
	}()

	login := rv.cfg.BotLogin
	if login == "" {
		l, err := p.svc.tokenLogin(ctx, rv.token)
		if err != nil {
			return p.fallback(err, nil, state{})
		}
		login = l
	}
	if login == "" {
		rv.r.warning("GitHub does not say which account the token is: reviewbot trusts none of the earlier comments and reviews, so a re-run may repeat them; set the bot-login input to the account that posts")
	}
	p.login = login
	prev, err := p.readEarlier(ctx)
	if err != nil {
		return p.fallback(err, nil, state{})
	}
	defer func() {
		if rerr == nil && !p.fellBack && !p.moved {
			p.dismissFixed(ctx, prev.blocking)
			p.resolveFixed(ctx, p.gone)
		}
	}()

	if !rv.cfg.DryRun && len(prev.pending) > 0 {
		// A cancelled or broken earlier run left its pending review:
		// GitHub allows one per user per PR, so it would block this run.
		if err := p.deletePending(ctx, prev.pending, "an earlier run left it (cancelled or broken); GitHub allows one pending review per user"); err != nil {
			return p.fallback(err, nil, state{})
		}
	}
	pl := planReview(planInput{
		findings:    res.Findings,
		fps:         fps,
		change:      p.change,
		prev:        prev,
		head:        rv.t.HeadSHA,
		inlineLevel: rv.cfg.InlineLevel,
		maxComments: rv.cfg.MaxComments,
	})
	p.gone = pl.gone
	rv.notes = append(rv.notes, pl.notes...)
	inline, drafts, st := pl.inline, pl.drafts, pl.state
	body := p.body(inline, st)
	if rv.cfg.DryRun {
		rv.r.logf("dry-run: would post %d inline comment(s) and a %d-byte summary (%s); posting nothing", len(drafts), len(body), p.event())
		return "", p.summary(inline, nil), nil
	}

	if lines, failed := p.postFileComments(ctx, drafts, inline); len(lines) != len(drafts) {
		for _, i := range failed {
			delete(st.Commented, fps[i])
		}
		drafts = lines
		body = p.body(inline, st)
	}
	inScope := 0
	for _, f := range res.Files {
		if f.InScope {
			inScope++
		}
	}
	switch {
	case len(drafts) == 0 && prev.latest != nil:
		if sameBody(prev.latest.GetBody(), body) {
			rv.r.logf("nothing new since the last review: nothing posted (%s)", prev.latest.GetHTMLURL())
			return prev.latest.GetHTMLURL(), p.summary(inline, nil), nil
		}
		u, err := p.update(ctx, prev.latest.GetID(), body)
		if err != nil {
			return p.fallback(err, inline, st)
		}
		rv.r.logf("no new comments: updated the summary in place: %s", u)
		return u, p.summary(inline, nil), nil
	case len(drafts) == 0 && inScope == 0 && len(res.Findings) == 0:
		rv.r.logf("no file of this PR is in the guidance's scope: nothing posted")
		return "", p.summary(inline, nil), nil
	case len(drafts) == 0 && res.ScopeOnly() && !rv.cfg.PostEmpty:
		rv.r.logf("in the guidance's scope by path only, with no mTLS PoP code to review: no review posted (set post-empty: true to post one)")
		return "", p.summary(inline, nil), nil
	}

	created, rejected, err := p.create(ctx, drafts, inline, &st)
	var moved *errHeadMoved
	if errors.As(err, &moved) {
		p.moved = true
		rv.r.notice("PR #%d moved on to %.7s while reviewbot reviewed %.7s: nothing posted; the run for the new head reviews it", rv.t.Number, moved.head, rv.t.HeadSHA)
		return "", p.summary(inline, []string{fmt.Sprintf("The PR moved on to %.7s while this run reviewed %.7s: nothing was posted; the run for the new head reviews it.", moved.head, rv.t.HeadSHA)}), nil
	}
	if err != nil {
		return p.fallback(err, inline, st)
	}
	if len(rejected) > 0 {
		for _, d := range rejected {
			delete(inline, d.idx)
		}
	}
	u := created.GetHTMLURL()
	rv.r.logf("posted review with %d inline comment(s): %s", len(drafts)-len(rejected), u)
	p.checkAuthor(created.GetUser())
	if prev.latest != nil {
		line := fmt.Sprintf("Superseded by [the latest reviewbot review](%s).\n%s\n%s", u, summaryMarker, supersededMarker)
		if _, err := p.update(ctx, prev.latest.GetID(), line); err != nil {
			// The new review is up; an old summary left in place is noise,
			// not a lost finding.
			rv.r.warning("could not replace the previous reviewbot summary with a link: %s", shortErr(err))
		}
	}
	return u, p.summary(inline, nil), nil
}

// postFileComments posts the drafts about whole files, each as a comment on
// its file (GitHub's subject_type "file"; a review's comments take lines
// only), and returns the line drafts for the review. A file comment GitHub
// refuses, or that cannot be posted, leaves the finding in the summary:
// nothing is lost.
func (p *publisher) postFileComments(ctx context.Context, drafts []draft, inline map[int]string) (lines []draft, failed []int) {
	rv := p.rv
	for _, d := range drafts {
		if !d.file {
			lines = append(lines, d)
			continue
		}
		c := &github.PullRequestComment{
			Body:        d.c.Body,
			Path:        d.c.Path,
			CommitID:    github.String(rv.t.HeadSHA),
			SubjectType: github.String("file"),
		}
		posted, err := p.svc.createFileComment(ctx, rv.t.Number, c, func() (*github.PullRequestComment, bool, error) {
			// A failed try may have created the comment: look for its
			// fingerprint before posting again.
			cs, err := p.svc.listComments(ctx, rv.t.Number)
			if err != nil {
				return nil, false, err
			}
			for _, e := range cs {
				if own(e.User, p.login) && e.GetPath() == d.c.GetPath() && strings.Contains(e.GetBody(), fpPrefix+p.fps[d.idx]+markerEnd) {
					return e, true, nil
				}
			}
			return nil, false, nil
		})
		if err != nil {
			delete(inline, d.idx)
			failed = append(failed, d.idx)
			rv.notes = append(rv.notes, fmt.Sprintf("A comment on the whole file %s could not be posted (%s): its finding is listed here only.", report.Quote(d.c.GetPath()), ghMessage(err)))
			rv.r.warning("could not post the comment on file %s: %s", d.c.GetPath(), shortErr(err))
			continue
		}
		rv.r.logf("posted a comment on the whole file: %s", posted.GetHTMLURL())
	}
	return lines, failed
}

// dismissFixed dismisses the bot's earlier REQUEST_CHANGES reviews once no
// error is left, so a fixed PR is not blocked by the bot forever.
func (p *publisher) dismissFixed(ctx context.Context, blocking []int64) {
	rv := p.rv
	if rv.cfg.DryRun || rv.cfg.ReviewEvent != "REQUEST_CHANGES" || p.event() == "REQUEST_CHANGES" {
		return
	}
	for _, id := range blocking {
		if err := p.svc.dismissReview(ctx, rv.t.Number, id, "reviewbot: no error findings are left."); err != nil {
			rv.r.warning("could not dismiss the earlier reviewbot review that requested changes: %s", shortErr(err))
			continue
		}
		rv.r.logf("dismissed the earlier review %d that requested changes: no error findings are left", id)
	}
}

// readEarlier lists the bot's earlier comments and reviews.
func (p *publisher) readEarlier(ctx context.Context) (*earlier, error) {
	rv := p.rv
	e := &earlier{comments: map[string][]earlierComment{}}
	cs, err := p.svc.listComments(ctx, rv.t.Number)
	if err != nil {
		return nil, err
	}
	replied := map[int64]bool{}
	for _, c := range cs {
		if own(c.User, p.login) && c.InReplyTo != nil && strings.Contains(c.GetBody(), fixedMarker) {
			replied[c.GetInReplyTo()] = true
		}
	}
	for _, c := range cs {
		if !own(c.User, p.login) || c.InReplyTo != nil {
			continue
		}
		if m := fpRe.FindStringSubmatch(c.GetBody()); m != nil {
			base := baseFingerprint(m[1])
			e.comments[base] = append(e.comments[base], earlierComment{id: c.GetID(), line: c.GetLine(), url: c.GetHTMLURL(), replied: replied[c.GetID()]})
		}
	}
	rs, err := p.svc.listReviews(ctx, rv.t.Number)
	if err != nil {
		return nil, err
	}
	for _, r := range rs {
		b := r.GetBody()
		if ownPending(r) {
			e.pending = append(e.pending, r.GetID())
			continue
		}
		if !own(r.User, p.login) || !strings.Contains(b, summaryMarker) {
			continue
		}
		if r.GetState() == "CHANGES_REQUESTED" {
			e.blocking = append(e.blocking, r.GetID())
		}
		if strings.Contains(b, supersededMarker) {
			continue
		}
		e.latest = r
	}
	if e.latest != nil {
		e.state = decodeState(e.latest.GetBody())
	}
	return e, nil
}

func decodeState(body string) state {
	var st state
	if m := stateRe.FindStringSubmatch(body); m != nil {
		if b, err := base64.StdEncoding.DecodeString(m[1]); err == nil {
			_ = json.Unmarshal(b, &st) // a damaged state only loses the fixed list
		}
	}
	return st
}

func encodeState(st state) string {
	b, _ := json.Marshal(st)
	return statePrefix + base64.StdEncoding.EncodeToString(b) + markerEnd
}

func fixedNote(fixed map[string]stateEntry) string {
	var items []string
	for _, e := range fixed {
		items = append(items, report.Quote(e.Rule)+" in "+report.Quote(e.Path))
	}
	sort.Strings(items)
	return fmt.Sprintf("Fixed since an earlier review: %s.", strings.Join(limitList(items, 20), ", "))
}

// commentBody is an inline comment: the report's comment and the hidden
// fingerprint, within GitHub's body limit.
func commentBody(f rules.Finding, fp string) string {
	m := "\n" + fpPrefix + fp + markerEnd
	return cutToBytes(report.Comment(f), report.MaxBody-len(m), "\n…") + m
}

// body renders the summary review body with its hidden state.
func (p *publisher) body(inline map[int]string, st state) string {
	marker := summaryMarker + "\n" + encodeState(st)
	if len(marker) > report.MaxBody/4 {
		marker = summaryMarker
	}
	o := p.rv.linkOptions()
	o.MaxLen = report.MaxBody - 200 // room for the run marker
	o.Notes, o.Inline, o.Marker = p.rv.notes, inline, marker
	return report.Markdown(p.res, o)
}

// summary is the job summary's Markdown: the review body without hidden
// markers, plus a line when nothing could be posted.
func (p *publisher) summary(inline map[int]string, extra []string) string {
	o := p.rv.linkOptions()
	o.MaxLen = maxStepSummary / 2
	o.Notes, o.Inline = append(append([]string{}, p.rv.notes...), extra...), inline
	return report.Markdown(p.res, o)
}

// sameBody compares summaries ignoring the run marker.
func sameBody(a, b string) bool {
	return strings.TrimSpace(runRe.ReplaceAllString(a, "")) == strings.TrimSpace(runRe.ReplaceAllString(b, ""))
}

// event is the review event: REQUEST_CHANGES only when asked for and an
// error was found.
func (p *publisher) event() string {
	if p.rv.cfg.ReviewEvent == "REQUEST_CHANGES" {
		for _, f := range p.res.Findings {
			if f.Severity == rules.Error {
				return "REQUEST_CHANGES"
			}
		}
	}
	return "COMMENT"
}

// update rewrites a review's body (PUT: safe to repeat).
func (p *publisher) update(ctx context.Context, id int64, body string) (string, error) {
	rv := p.rv
	out, err := p.svc.updateReview(ctx, rv.t.Number, id, body)
	if err != nil {
		return "", err
	}
	p.checkAuthor(out.GetUser())
	return out.GetHTMLURL(), nil
}

// checkAuthor warns, once, when what the bot posted is authored by another
// account than the one it trusts as its own: a re-run would then not
// recognise its comments and post them again.
func (p *publisher) checkAuthor(u *github.User) {
	got := u.GetLogin()
	if got == "" || p.warnedAuthor || strings.EqualFold(got, p.login) {
		return
	}
	p.warnedAuthor = true
	trusted := p.login
	if trusted == "" {
		trusted = "no account"
	}
	p.rv.r.warning("reviewbot posted as %s but trusts only %s as its own: set the bot-login input to %s (a GitHub App's token posts as <app-slug>[bot]), or re-runs will repeat their comments", got, trusted, got)
}

// errHeadMoved is returned when the PR's head moved on while the run
// reviewed it: the run for the new head reviews that.
type errHeadMoved struct{ head string }

func (e *errHeadMoved) Error() string {
	return fmt.Sprintf("the PR's head moved on to %.7s", e.head)
}

// create posts the one review of the run. On a 422 it first checks that
// the PR's head has not moved (then it stops: errHeadMoved). It bisects
// only when GitHub refuses comment positions: it finds the comments GitHub
// refuses (testing halves as pending reviews that it deletes), records
// them in st, moves them into the summary and posts the rest. A
// conflicting pending review of the bot's is deleted and the post tried
// again once; a refused REQUEST_CHANGES becomes COMMENT.
func (p *publisher) create(ctx context.Context, drafts []draft, inline map[int]string, st *state) (*github.PullRequestReview, []draft, error) {
	rv := p.rv
	p.nonce = randomHex(8)
	ev := p.event()
	var bad []draft
	var bisected, clearedPending bool
	for {
		body := p.body(inline, *st) + "\n" + runPrefix + p.nonce + markerEnd
		rev, err := p.post(ctx, drafts, body, ev)
		if err == nil {
			return rev, bad, nil
		}
		if statusOf(err) != http.StatusUnprocessableEntity {
			return nil, nil, err
		}
		reason := ghMessage(err)
		if head, herr := p.currentHead(ctx); herr != nil {
			return nil, nil, fmt.Errorf("GitHub refused the review (%s) and reading the PR's head failed: %w", reason, herr)
		} else if head != rv.t.HeadSHA {
			return nil, nil, &errHeadMoved{head: head}
		}
		switch {
		case isPendingConflict(err) && !clearedPending:
			clearedPending = true
			rv.r.logf("GitHub refused the review (%s): deleting the bot's pending review and trying again", reason)
			if err := p.deleteOwnPending(ctx); err != nil {
				return nil, nil, err
			}
		case isPositionError(err) && len(drafts) > 0 && !bisected:
			bisected = true
			rv.r.logf("GitHub refused the review (%s): finding the comments it rejects", reason)
			ok, b, err := p.bisect(ctx, drafts)
			if err != nil {
				return nil, nil, fmt.Errorf("find the inline comments GitHub rejects (%s): %w", reason, err)
			}
			drafts, bad = ok, b
			if len(bad) > 0 {
				st.Refused, st.RefusedWhy = map[string]stateEntry{}, reason
				for _, d := range bad {
					delete(inline, d.idx)
					delete(st.Commented, p.fps[d.idx])
					f := p.res.Findings[d.idx]
					st.Refused[p.fps[d.idx]] = stateEntry{Rule: f.Rule, Path: f.Path}
				}
				rv.notes = append(rv.notes, refusedNote(len(bad), reason))
			}
		case ev == "REQUEST_CHANGES":
			// GitHub refuses REQUEST_CHANGES on some PRs (the token's own).
			rv.notes = append(rv.notes, fmt.Sprintf("GitHub refused REQUEST_CHANGES (%s): posted as a comment review.", reason))
			ev = "COMMENT"
		default:
			return nil, nil, err
		}
	}
}

func refusedNote(n int, reason string) string {
	return fmt.Sprintf("GitHub refused %d inline comment(s) (%s): those findings are listed here instead.", n, reason)
}

// isPositionError reports a 422 about where comments sit ("Pull request
// review thread line must be part of the diff", "... start line must be
// part of the same hunk ...", "... path is invalid"): the one refusal that
// bisecting the comments can resolve.
func isPositionError(err error) bool {
	return strings.Contains(ghMessage(err), "Pull request review thread")
}

// isPendingConflict reports GitHub's "User can only have one pending
// review per pull request".
func isPendingConflict(err error) bool {
	return strings.Contains(ghMessage(err), "one pending review")
}

// currentHead reads the PR's head commit now.
func (p *publisher) currentHead(ctx context.Context) (string, error) {
	pr, err := p.svc.getPR(ctx, p.rv.t.Number)
	if err != nil {
		return "", err
	}
	return pr.GetHead().GetSHA(), nil
}

// deleteOwnPending deletes every pending review of the bot's on the PR.
func (p *publisher) deleteOwnPending(ctx context.Context) error {
	rs, err := p.svc.listReviews(ctx, p.rv.t.Number)
	if err != nil {
		return err
	}
	var ids []int64
	for _, r := range rs {
		if ownPending(r) {
			ids = append(ids, r.GetID())
		}
	}
	return p.deletePending(ctx, ids, "it blocked the review (GitHub allows one pending review per user)")
}

// deletePending deletes the bot's pending reviews ids (a 404: already
// gone), logging why when why is not empty.
func (p *publisher) deletePending(ctx context.Context, ids []int64, why string) error {
	rv := p.rv
	for _, id := range ids {
		if err := p.svc.deletePendingReview(ctx, rv.t.Number, id); err != nil {
			return err
		}
		if why != "" {
			rv.r.logf("deleted the bot's pending review %d: %s", id, why)
		}
	}
	return nil
}

// post sends CreateReview once (with retries); before repeating a POST
// that failed ambiguously it looks for the review by the run's nonce.
func (p *publisher) post(ctx context.Context, drafts []draft, body, event string) (*github.PullRequestReview, error) {
	rv := p.rv
	req := &github.PullRequestReviewRequest{
		CommitID: github.String(rv.t.HeadSHA),
		Body:     github.String(body),
		Event:    github.String(event),
	}
	for _, d := range drafts {
		req.Comments = append(req.Comments, d.c)
	}
	return p.svc.createReview(ctx, rv.t.Number, fmt.Sprintf("post the review of PR #%d", rv.t.Number), req, func() (*github.PullRequestReview, bool, error) {
		rs, err := p.svc.listReviews(ctx, rv.t.Number)
		if err != nil {
			return nil, false, err
		}
		for _, r := range rs {
			// The nonce is this run's secret: it identifies the review
			// whoever GitHub says wrote it (an App token without
			// bot-login posts as another login than the trusted one).
			if strings.Contains(r.GetBody(), runPrefix+p.nonce+markerEnd) {
				return r, true, nil
			}
		}
		return nil, false, nil
	})
}

// bisect splits drafts into those GitHub accepts and those it refuses,
// testing halves as PENDING reviews (no event: nothing is published) that
// it deletes at once.
func (p *publisher) bisect(ctx context.Context, drafts []draft) (ok, bad []draft, err error) {
	accepted, err := p.tryPending(ctx, drafts)
	if err != nil {
		return nil, nil, err
	}
	if accepted {
		return drafts, nil, nil
	}
	if len(drafts) == 1 {
		return nil, drafts, nil
	}
	mid := len(drafts) / 2
	ok1, bad1, err := p.bisect(ctx, drafts[:mid])
	if err != nil {
		return nil, nil, err
	}
	ok2, bad2, err := p.bisect(ctx, drafts[mid:])
	if err != nil {
		return nil, nil, err
	}
	return append(ok1, ok2...), append(bad1, bad2...), nil
}

// tryPending tests drafts as one pending review (no event: nothing is
// published) and deletes it at once. A failure that may have created the
// review (5xx, timeout) is checked by looking for the bot's pending review.
func (p *publisher) tryPending(ctx context.Context, drafts []draft) (bool, error) {
	rv := p.rv
	req := &github.PullRequestReviewRequest{CommitID: github.String(rv.t.HeadSHA)}
	for _, d := range drafts {
		req.Comments = append(req.Comments, d.c)
	}
	p.testing = true
	rev, err := p.svc.createReview(ctx, rv.t.Number, fmt.Sprintf("test %d comment(s) as a pending review", len(drafts)), req, func() (*github.PullRequestReview, bool, error) {
		rs, err := p.svc.listReviews(ctx, rv.t.Number)
		if err != nil {
			return nil, false, err
		}
		for _, r := range rs {
			if ownPending(r) {
				return r, true, nil
			}
		}
		return nil, false, nil
	})
	if statusOf(err) == http.StatusUnprocessableEntity {
		if isPositionError(err) {
			return false, nil
		}
		return false, fmt.Errorf("test %d comment(s) as a pending review: %w", len(drafts), err)
	}
	if err != nil {
		return false, err
	}
	return true, p.deletePending(ctx, []int64{rev.GetID()}, "")
}

// ghMessage is GitHub's reason for a refusal: the message and the errors.
func ghMessage(err error) string {
	var er *github.ErrorResponse
	if !errors.As(err, &er) {
		return shortErr(err)
	}
	parts := []string{er.Message}
	for _, e := range er.Errors {
		if e.Message != "" {
			parts = append(parts, e.Message)
		} else if e.Code != "" {
			parts = append(parts, strings.TrimSpace(e.Field+" "+e.Code))
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, ": ")), " ")
}

// fallback handles a review that could not be posted. A 403 (fork PR,
// read-only token) turns into annotations and the job summary, with a log
// line on how to grant write access; the run's status still follows
// fail-on. Any other failure is returned after the same annotations, so
// nothing found is lost.
func (p *publisher) fallback(err error, inline map[int]string, st state) (string, string, error) {
	rv := p.rv
	p.fellBack = true
	rv.r.annotate(p.res.Findings)
	if isForbidden(err) {
		rv.r.logf("the token cannot write to PR #%d (%s): findings are shown as annotations and in the job summary. To get the review, give the job `permissions: pull-requests: write`; for PRs from forks use the pull_request_target workflow in the README, which reads the diff through the API and never runs PR code", rv.t.Number, ghMessage(err))
		return "", p.summary(nil, []string{"The token could not write to this pull request (fork PR or read-only token): the findings are annotations on this run instead of review comments."}), nil
	}
	return "", p.summary(nil, []string{"Posting the review failed: " + shortErr(err)}), err
}
