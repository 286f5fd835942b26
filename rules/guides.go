package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
)

// This file decides which documents the documentation rules
// (doc-when-to-use, doc-verification, doc-test-references) judge:
// mTLS PoP how-to guides the change adds or rewrites.

// notGuideNames are file names of documents that are not how-to guides:
// design specs, task lists, plans, diagram and architecture pages.
// The word must stand on its own in the name (design-spec.md,
// mtls_pop.tasks.md), so explanation.md or inspecting-tokens.md stay guides.
var notGuideNames = prefilter.MustCompile(`(?i)(^|/)([^/]*[-_. ])?(specs?|specification|design|tasks?|todo|plans?|diagrams?|architecture|adrs?)([-_. ][^/]*)?\.[a-z]+$|(^|/)(specs?|design|adrs?|tasks|plans|diagrams|architecture)/`)

// notGuideTitle matches the title of a document that is not a how-to
// guide.
var notGuideTitle = prefilter.MustCompile(`(?i)\b(spec(ification)?|design|tasks?|to-?do|plan|diagrams?|architecture|change ?log|release notes|decision record)\b`)

// bearerOverMtls marks a page about mTLS Bearer (a bearer token sent over
// mutual TLS), which is neither mTLS PoP flow.
var bearerOverMtls = prefilter.MustCompile(`SendCertificateOverMtls|(?i)\bmTLS Bearer\b|\bBearer (token )?over mTLS\b`)

// notAGuide reports whether a Markdown document is a design spec, task
// list, diagram page or mTLS Bearer page rather than a guide to an mTLS
// PoP flow: the documentation rules do not judge those.
func notAGuide(v *source.View, title int, text string) bool {
	if notGuideNames.MatchString(v.Path()) {
		return true
	}
	if title != 0 && notGuideTitle.MatchString(v.Text(title)) {
		return true
	}
	if !source.ContainsFold(text, "bearer") && !strings.Contains(text, "SendCertificateOverMtls") {
		return false
	}
	// The cheap test first: the regexp reads the whole document.
	return !strings.Contains(text, "WithMtlsProofOfPossession") && bearerOverMtls.MatchString(text)
}

// notGuideDocs are Markdown files that are not how-to documentation even
// when they talk about mTLS PoP: change logs, agent instructions, templates.
var notGuideDocs = prefilter.MustCompile(`(?i)(^|/)(changelog|changes|release[-_ ]?notes?|history|license|security|code_of_conduct|contributing|codeowners|copilot-instructions|pull_request_template|issue_template)[^/]*$|(^|/)\.github/(issue_template|pull_request_template)/`)

// readmeName matches README files, which are often index pages.
var readmeName = prefilter.MustCompile(`(?i)(^|/)readme(\.[a-z]+)?$`)

// teachesMtlsPop reports whether a Markdown document shows an mTLS PoP
// acquisition in a C# example: a README that does is a guide, one that does
// not is an index of other documents.
func teachesMtlsPop(v *source.View) bool {
	for _, b := range v.Blocks() {
		if !b.CSharp() {
			continue
		}
		for n := b.Start; n <= b.End; n++ {
			if strings.Contains(v.Text(n), "WithMtlsProofOfPossession") {
				return true
			}
		}
	}
	return false
}

// mtlsDocWords mark a document about mTLS PoP.
var mtlsDocWords = prefilter.MustCompile(`(?i)mtls|proof-of-possession|WithMtlsProofOfPossession`)

// minDocLines is the number of non-blank lines below which a Markdown file
// is a note or a snippet, not a guide the structure guidelines apply to (the
// flow documents of the corpus run 100 to 360 lines).
const minDocLines = 40

// reviewedDoc decides whether the documentation rules apply to p's file: a
// Markdown document about mTLS PoP, not a change log, instructions file or
// README index page (one with no mTLS PoP example of its own),
// of at least minDocLines non-blank lines, that the change adds or largely
// rewrites (at least half of its new lines are added). A modified document
// is only judged when its whole new text is known. It returns the line to
// report on: the title (first heading) when the change added it, otherwise
// the first added line.
func reviewedDoc(p *Pass, v *source.View) (anchor int, ok bool) {
	// Every documentation rule asks, twice (Applies and Check): decide once
	// per file.
	if p.doc == nil {
		a, ok := decideDoc(p, v)
		p.doc = &docDecision{anchor: a, ok: ok}
	}
	return p.doc.anchor, p.doc.ok
}

// docDecision caches reviewedDoc on a Pass.
type docDecision struct {
	anchor int
	ok     bool
}

func decideDoc(p *Pass, v *source.View) (anchor int, ok bool) {
	if !v.IsMarkdown() || notGuideDocs.MatchString(v.Path()) {
		return 0, false
	}
	// Telling that a section is missing needs the whole document: an added
	// file is all in the diff; a modified one needs its source.
	if p.File == nil || p.File.Status != diff.Added && p.Source == nil {
		return 0, false
	}
	known, added, nonBlank := 0, 0, 0
	firstAdded, title := 0, 0
	for n := 1; n <= v.Len(); n++ {
		if !v.Known(n) {
			continue
		}
		known++
		t := strings.TrimSpace(v.Text(n))
		if t != "" {
			nonBlank++
		}
		if v.Added(n) {
			added++
			if firstAdded == 0 {
				firstAdded = n
			}
		}
		if title == 0 && v.Prose(n) && source.HeadingLevel(v.Text(n)) > 0 {
			title = n
		}
	}
	if added == 0 || nonBlank < minDocLines {
		return 0, false
	}
	// A known line that holds "mtls" makes mtlsDocWords match: the index
	// answers before the regexp reads the whole document.
	text := source.KnownText(v)
	if !v.FileHas(source.TrigMtls) && !mtlsDocWords.MatchString(text) {
		return 0, false
	}
	if readmeName.MatchString(v.Path()) && !teachesMtlsPop(v) {
		return 0, false // an index page: the documents it lists are judged
	}
	if notAGuide(v, title, text) {
		return 0, false
	}
	if p.File.Status != diff.Added && 2*added < v.Len() {
		return 0, false
	}
	if title != 0 && v.Added(title) {
		return title, true
	}
	return firstAdded, true
}

// judgesDoc is the documentation rules' Applies: they judge only the
// documents reviewedDoc accepts.
func judgesDoc(p *Pass) bool {
	_, ok := reviewedDoc(p, NewView(p))
	return ok
}
