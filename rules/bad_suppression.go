package rules

import (
	"fmt"

	"github.com/reviewbot/reviewbot/rules/source"
)

// BadSuppression flags reviewbot:ignore comments that cannot be honoured.
var BadSuppression = &Rule{
	ID:       "bad-suppression",
	Severity: Warning,
	Doc: `A reviewbot:ignore comment without a reason, or naming no known rule.

A finding that is wrong in one place can be silenced where it is, with a
comment that names the rule and says why:
"// reviewbot:ignore <rule-id> <reason>" in C# (on the finding's line, or
alone on the line above it) and "<!-- reviewbot:ignore <rule-id> <reason>
-->" in Markdown (for the next line, paragraph, list or fenced block). The
reason is for the reviewers, who see every suppression a pull request adds
listed in the summary. A comment without a reason, or naming a rule
reviewbot does not have (a typo, a removed rule), silences nothing and is
reported instead, so a finding never disappears by accident.

Bad:
    // reviewbot:ignore secret-logging
    // reviewbot:ignore secret-loging the value is a test fake

Good:
    // reviewbot:ignore secret-logging the value is a fake token the test prints`,
	Check:    checkBadSuppression,
	Triggers: source.TrigSuppression,
}

func checkBadSuppression(p *Pass) {
	v := NewView(p)
	for _, s := range Suppressions(v) {
		if !s.Added {
			continue
		}
		form := "// reviewbot:ignore <rule-id> <reason>"
		if v.IsMarkdown() {
			if _, in := v.BlockAt(s.Line); !in {
				form = "<!-- reviewbot:ignore <rule-id> <reason> -->"
			}
		}
		var msg string
		switch {
		case s.Rule == "":
			msg = fmt.Sprintf("reviewbot:ignore names no rule, so it silences nothing: write %s", form)
		case p.Known != nil && !p.Known(s.Rule):
			msg = fmt.Sprintf("reviewbot:ignore names %q, which is no reviewbot rule, so it silences nothing: use an ID that `reviewbot rules` lists", s.Rule)
		case s.Reason == "":
			msg = fmt.Sprintf("reviewbot:ignore %s gives no reason, so it silences nothing: say why the finding is wrong here (%s)", s.Rule, form)
		default:
			continue
		}
		p.Report(Finding{Line: s.Line, Column: s.Col, Message: msg})
	}
}
