package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// DocWhenToUse flags a new mTLS PoP document without "When to Use"
// guidance.
var DocWhenToUse = &Rule{
	ID:       "doc-when-to-use",
	Severity: Notice,
	Applies:  judgesDoc,
	Topics:   []topic.Topic{topic.DocWhenToUse},
	Doc: `A new or rewritten mTLS PoP document does not say when to use it.

The guidance's structure guidelines start every document with "When to Use":
clear decision criteria, so that a reader picks the vanilla flow or the FIC
two-leg flow before reading the code. The rule looks at Markdown documents
about mTLS PoP that the change adds or largely rewrites (at least half of the
new file's lines added), and accepts a heading about when to use or choose
(## When to Use, ## Use Cases), a "When to use:" line or a "**Use the
vanilla flow when:**" list, an opening paragraph that says when to use the
document ("Use this as the first reference when ..."), or a front matter
description that does. Only how-to guides are judged: short notes (under
40 non-blank lines), change logs, README index pages, design specs, task
lists, diagram and architecture pages and mTLS Bearer pages are not. It
reports once, as a comment on the file. It is a notice: a missing section makes a document harder to
use, not wrong.

Bad:
    # mTLS PoP - Vanilla Flow
    ## Basic Pattern
    ...

Good:
    # mTLS PoP - Vanilla Flow
    ## When to Use
    - You call one resource directly with a certificate-bound token
    - You do not exchange an assertion (otherwise use the FIC two-leg flow)`,
	Check: checkDocWhenToUse,
}

var (
	whenToUseHeading = prefilter.MustCompile(`(?i)\bwhen\b.*\b(use|choose|pick)\b|\buse[- ]cases?\b|\bwhen to\b|\bchoos(e|ing)\b|\bdecision\b`)
	whenToUseLabel   = prefilter.MustCompile(`(?i)^\W*when to use\b|\bwhen (should|would|do) (you|i) use\b|^\W*use\b[^.:]{0,60}\bwhen\b[^.]*:\W*$`)
	useThisWhen      = prefilter.MustCompile(`(?i)\buse (this|these|it|the \w+ flow)\b[^.]*\b(when|if|for|as)\b|\bwhen to use\b|\buse (this )?when\b`)
)

func checkDocWhenToUse(p *Pass) {
	v := NewView(p)
	anchor, ok := reviewedDoc(p, v)
	if !ok || hasWhenToUse(v) {
		return
	}
	reportFile(p, v, anchor,
		`document has no "When to Use" guidance: start it with a "## When to Use" section giving clear decision criteria (when to pick this flow, when to use the other one)`)
}

// hasWhenToUse reports whether the document says when to use it.
func hasWhenToUse(v *source.View) bool {
	intro, title := false, false
	for _, l := range v.DocLines() {
		if !v.Prose(l.N) {
			if frontMatterLine(v, l.N) {
				// Front matter: a description that says when to use it.
				if strings.Contains(strings.ToLower(l.Text), "description") && useThisWhen.MatchString(l.Text) {
					return true
				}
			}
			continue
		}
		if lvl := source.HeadingLevel(l.Text); lvl > 0 {
			if whenToUseHeading.MatchString(l.Text) {
				return true
			}
			intro = !title
			title = true
			continue
		}
		if whenToUseLabel.MatchString(source.MarkerText(l.Text)) {
			return true
		}
		if (intro || !title) && useThisWhen.MatchString(l.Text) {
			return true
		}
	}
	return false
}

// frontMatterLine reports whether line n lies in the YAML front matter of a
// Markdown file (before the first prose line, between "---" fences).
func frontMatterLine(v *source.View, n int) bool {
	if strings.TrimSpace(v.Text(1)) != "---" {
		return false
	}
	for i := 2; i <= v.Len() && i <= n; i++ {
		if strings.TrimSpace(v.Text(i)) == "---" {
			return i > n
		}
	}
	return true
}
