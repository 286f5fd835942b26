package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	pathpkg "path"
	"slices"
	"strings"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// MaxBody is GitHub's limit on a comment or review body, in characters.
// Markdown counts bytes, which are never fewer than the characters GitHub
// counts, so a body within MaxBody bytes is always accepted.
const MaxBody = 65536

// Caps on list lengths in the summary, so a huge change keeps the
// checklist visible; the text and JSON outputs always have everything.
const (
	maxEvidence = 6
	// maxInScopeNamed is how many in-scope files the summary names, each
	// linked to the head; the rest are counted.
	maxInScopeNamed = 3
	maxOutScope     = 10
	maxWarnings     = 50
	// collapseInScope is how many in-scope files are listed openly before
	// the list goes into a <details> block.
	collapseInScope = 10
)

// MarkdownOptions tunes the summary the action posts.
type MarkdownOptions struct {
	// MaxLen is the most bytes the summary may have, marker included;
	// 0 means MaxBody. A longer summary is cut between lines, never inside
	// a code span or a UTF-8 sequence, and says so in a visible note.
	MaxLen int
	// Notes are extra lines the action adds near the top ("the guidance
	// changed in this PR: reviewed with the base version"). They are
	// escaped like PR content; `code` spans in them are kept.
	Notes []string
	// Inline maps an index of r.Findings to the URL (or a short text) of the
	// inline comment the finding was posted as. Such findings get one line
	// with a link; findings not in Inline are shown in full.
	Inline map[int]string
	// Marker is appended verbatim as the last line, e.g. the hidden
	// "<!-- reviewbot:summary -->" the action finds its comment by.
	Marker string
	// RepoURL ("https://github.com/owner/repo"), HeadSHA (the PR head's
	// commit) and PR (its number), when set, make file paths links to the
	// file at the head, findings links to their inline comment's line in
	// the PR's Files tab, and summary-only findings and item evidence
	// links to their line in the head's blob.
	RepoURL string
	HeadSHA string
	PR      int
}

// Markdown returns the summary the GitHub Action posts, the job summary
// and `reviewbot check --format markdown` print: a one-line verdict (the
// flow, the findings, how many items need a reviewer), the findings by
// severity, the items a person must act on, then folded away what passed
// (with its evidence), what there was nothing to check for, a count of the
// items that do not apply, why the flow is what it is and what was in
// scope. A change in scope by path only with nothing to review gets three
// lines. Everything quoted from the pull request or the guidance goes
// through Quote or Escape.
func Markdown(r *review.Result, opts MarkdownOptions) string {
	if r == nil {
		r = &review.Result{}
	}
	limit := opts.MaxLen
	if limit <= 0 {
		limit = MaxBody
	}
	d := &mdDoc{}
	l := linker{opts: opts}
	if short(d, r, opts, l) {
		return d.render(limit, opts.Marker)
	}
	writeHeader(d, r, opts)
	writeFindings(d, r, opts, l)
	writeSuppressed(d, r)
	writeReviewer(d, r, opts, l)
	writeChecked(d, r, l)
	writeWhy(d, r, l)
	writeNotReviewed(d, r, l)
	return d.render(limit, opts.Marker)
}

// maxUnreadNamed bounds the unread files the verdict names.
const maxUnreadNamed = 5

// Verdict is the summary's first line: "FIC two-leg · 2 errors, 1 warning
// in 3 files · 3 items need a reviewer". It is plain text with Markdown
// escaped, for the summary, the job log and `reviewbot check`.
func Verdict(r *review.Result) string {
	if r == nil {
		r = &review.Result{}
	}
	f := orNone(r.Flow)
	head := "No mTLS PoP flow"
	if f != review.NoFlow {
		head = flowName(f)
	}
	if slices.Contains(r.Variants, review.ManagedIdentity) {
		head += " (managed identity)"
	}
	if r.Overridden {
		head += " (set by a label or --flow; the evidence says " + flowName(orNone(r.Detected)) + ")"
	}
	var e, w, n int
	files := map[string]bool{}
	for _, x := range r.Findings {
		files[x.Path] = true
		switch x.Severity {
		case rules.Error:
			e++
		case rules.Warning:
			w++
		default:
			n++
		}
	}
	in, unread := 0, 0
	for _, fd := range r.Files {
		if fd.InScope {
			in++
			if fd.Unread {
				unread++
			}
		}
	}
	var found string
	switch {
	case in == 0:
		found = "nothing in scope"
	case e+w+n == 0 && unread > 0:
		found = "no findings in the files read"
	case e+w+n == 0:
		found = "no findings in " + plural(in, "in-scope file")
	default:
		var parts []string
		for _, c := range []struct {
			n    int
			noun string
		}{{e, "error"}, {w, "warning"}, {n, "notice"}} {
			if c.n > 0 {
				parts = append(parts, plural(c.n, c.noun))
			}
		}
		found = strings.Join(parts, ", ") + " in " + plural(len(files), "file")
	}
	items := "nothing needs a reviewer"
	switch k := len(reviewerItems(r)); {
	case in == 0 || r.ScopeOnly():
		items = "nothing to check"
	case k == 1:
		items = "1 item needs a reviewer"
	case k > 1:
		items = fmt.Sprintf("%d items need a reviewer", k)
	}
	return head + " · " + found + " · " + items
}

// reviewerItems are the items a person must act on, focus items first. A
// checklist item that asks what a focus item already asks (the same
// topics, the same status and place) is said once.
func reviewerItems(r *review.Result) []review.ItemResult {
	var out []review.ItemResult
	for _, it := range append(slices.Clone(r.Focus), r.Checklist...) {
		if it.Reviewer() && !slices.ContainsFunc(out, func(o review.ItemResult) bool { return sameAsk(o, it) }) {
			out = append(out, it)
		}
	}
	return out
}

// sameAsk reports whether two manual items ask a person the same thing:
// the same topics, of the same kind, at the same place or at none.
func sameAsk(a, b review.ItemResult) bool {
	if a.Status != review.Manual || b.Status != review.Manual || len(a.Topics) == 0 || !slices.Equal(a.Topics, b.Topics) || a.Kind != b.Kind {
		return false
	}
	if len(a.Evidence) > 0 && len(b.Evidence) > 0 {
		return a.Evidence[0] == b.Evidence[0]
	}
	return len(a.Evidence)+len(b.Evidence) == 0 && genericManual(a) && genericManual(b)
}

// short writes the three-line summary of a change with nothing to review:
// in scope by path only (or nothing in scope), flow none, no findings.
func short(d *mdDoc, r *review.Result, opts MarkdownOptions, l linker) bool {
	in := 0
	for _, f := range r.Files {
		if f.InScope {
			in++
		}
	}
	if !r.ScopeOnly() && (in > 0 || len(r.Findings) > 0 || r.Overridden || len(r.Suppressed) > 0) {
		return false
	}
	d.add("### reviewbot: mTLS PoP review")
	d.add("**" + Verdict(r) + "**")
	if in == 0 {
		d.add(fmt.Sprintf("No changed file of %s is covered by the guidance: nothing was reviewed.", plural(len(r.Files), "changed file")))
	} else {
		var names []string
		k := 0
		for _, f := range r.Files {
			if !f.InScope {
				continue
			}
			if k == 3 {
				names = append(names, fmt.Sprintf("%d more", in-k))
				break
			}
			k++
			names = append(names, l.file(f.Path)+" ("+reasonText(f.Reason)+")")
		}
		d.add("In scope by path only: " + strings.Join(names, ", ") + ". The changed lines hold no mTLS PoP code, so no checklist or focus item applies.")
	}
	writeNotes(d, r, opts)
	return true
}

// writeHeader writes the title, the verdict and the action's notes.
func writeHeader(d *mdDoc, r *review.Result, opts MarkdownOptions) {
	d.add("### reviewbot: mTLS PoP review")
	d.add("")
	d.add("**" + Verdict(r) + "**")
	var unread []string
	for _, fd := range r.Files {
		if fd.InScope && fd.Unread {
			unread = append(unread, fd.Path)
		}
	}
	if len(unread) > 0 {
		// A file the rules never saw is not clean: name it at the top.
		names := make([]string, 0, min(len(unread), maxUnreadNamed))
		for i, p := range unread {
			if i == maxUnreadNamed {
				names = append(names, fmt.Sprintf("and %d more", len(unread)-i))
				break
			}
			names = append(names, Quote(shorten(p, maxShort, true)))
		}
		d.add("")
		d.add(fmt.Sprintf("**Not reviewed, so not known to be clean:** %s in scope (%s); see Not reviewed below.", plural(len(unread), "file"), strings.Join(names, ", ")))
	}
	writeNotes(d, r, opts)
}

// writeNotes writes the result's and the action's notes as one callout.
func writeNotes(d *mdDoc, r *review.Result, opts MarkdownOptions) {
	var notes []string
	for _, n := range append(slices.Clone(r.Notes), opts.Notes...) {
		if strings.TrimSpace(n) != "" {
			notes = append(notes, n)
		}
	}
	if len(notes) > 0 {
		d.add("")
		d.add("> [!NOTE]")
		for _, n := range notes {
			d.add("> - " + inline(shorten(n, maxMessage, false)))
		}
	}
}

// flowName is how the summary names a flow.
func flowName(f review.Flow) string {
	switch f {
	case review.Vanilla:
		return "vanilla"
	case review.FIC:
		return "FIC two-leg"
	case review.Both:
		return "vanilla and FIC two-leg"
	case review.NoFlow:
		return "none"
	}
	return Escape(string(f))
}

// linker makes the summary's links to the PR's head.
type linker struct{ opts MarkdownOptions }

// base is the repository URL, or "" when links cannot be made.
func (l linker) base() string {
	if l.opts.RepoURL == "" || !isSHA(l.opts.HeadSHA) || safeURL(l.opts.RepoURL) == "" {
		return ""
	}
	return strings.TrimRight(l.opts.RepoURL, "/")
}

// blob is the URL of path (at line, when above 0) in the head commit.
func (l linker) blob(path string, line int) string {
	b := l.base()
	if b == "" || path == "" {
		return ""
	}
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := b + "/blob/" + l.opts.HeadSHA + "/" + strings.Join(segs, "/")
	if line > 0 {
		u += fmt.Sprintf("#L%d", line)
	}
	return safeURL(u)
}

// diffLine is the URL of path's line in the PR's Files tab, where its
// inline comment sits; of the file's diff when line is 0.
func (l linker) diffLine(path string, line int) string {
	b := l.base()
	if b == "" || l.opts.PR <= 0 || path == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(path))
	u := fmt.Sprintf("%s/pull/%d/files#diff-%s", b, l.opts.PR, hex.EncodeToString(sum[:]))
	if line > 0 {
		u += fmt.Sprintf("R%d", line)
	}
	return safeURL(u)
}

// short renders "File.cs:12" (the base name) as code, linked to the line
// in the head; the last two segments of the path when no link can be made.
func (l linker) short(path string, line int) string {
	u := l.blob(path, line)
	if u == "" {
		return Quote(fmt.Sprintf("%s:%d", shorten(tail(path), maxPath, true), line))
	}
	return "[" + Quote(fmt.Sprintf("%s:%d", shorten(pathpkg.Base(path), maxPath, true), line)) + "](" + u + ")"
}

// file renders a path as code, linked to the file in the head.
func (l linker) file(path string) string {
	s := Quote(shorten(path, maxPath, true))
	if u := l.blob(path, 0); u != "" {
		return "[" + s + "](" + u + ")"
	}
	return s
}

func isSHA(s string) bool {
	if len(s) != 40 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// reasonText renders the engine's reason for a scope decision, showing the
// glob or API name of "glob X" and "content X" as code.
func reasonText(reason string) string {
	reason = shorten(reason, maxShort, false)
	for _, p := range []string{"glob ", "content "} {
		if rest, ok := strings.CutPrefix(reason, p); ok && rest != "" && !strings.Contains(rest, " ") {
			return p + Quote(rest)
		}
	}
	return inline(reason)
}

// fileName renders a file decision's path, linked, with the old name of a
// rename.
func fileName(l linker, f review.FileDecision) string {
	s := l.file(f.Path)
	if f.OldPath != "" && f.OldPath != f.Path {
		s = Quote(shorten(f.OldPath, maxPath, true)) + " → " + s
	}
	return s
}

// novelty says how many added lines were not new content and not
// reviewed, or "" when every added line was.
func novelty(r *review.Result) string {
	n := r.Novelty
	if n.Moved+n.Renamed == 0 {
		return ""
	}
	var parts []string
	if n.Moved > 0 {
		parts = append(parts, plural(n.Moved, "line")+" moved")
	}
	if n.Renamed > 0 {
		parts = append(parts, plural(n.Renamed, "line")+" renamed")
	}
	return strings.Join(parts, " and ") + ": not new content, not reviewed."
}

// writeFindings lists the findings, most severe first. Findings of one
// rule with the same message share one line, with one entry per place.
// Each place links to its inline comment, or to its line in the head when
// the finding is in the summary only; a finding posted inline shows only
// what is wrong, the comment has the rest.
func writeFindings(d *mdDoc, r *review.Result, opts MarkdownOptions, l linker) {
	if len(r.Findings) == 0 {
		return
	}
	d.add("")
	d.add("#### Findings")
	type key struct {
		sev           rules.Severity
		rule, message string
		posted        bool
	}
	var order []key
	groups := map[key][]int{}
	for _, i := range findingOrder(r.Findings, true) {
		f := r.Findings[i]
		_, posted := opts.Inline[i]
		k := key{f.Severity, f.Rule, f.Message, posted}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	slices.SortStableFunc(order, func(a, b key) int { return int(b.sev) - int(a.sev) })
	var sev rules.Severity = -1
	linked := map[string]bool{}
	for _, k := range order {
		head := ""
		if k.sev != sev {
			// The heading travels with the group's first finding, so a cut
			// summary never shows a heading with nothing under it.
			sev = k.sev
			n := 0
			for _, g := range r.Findings {
				if g.Severity == sev {
					n++
				}
			}
			head = fmt.Sprintf("\n**%s (%d)**\n\n", severityPlural(sev), n)
		}
		rule := Quote(shorten(k.rule, maxShort, false))
		if !linked[k.rule] {
			// The rule's documentation is linked once per summary.
			rule = ruleLink(k.rule)
			linked[k.rule] = true
		}
		msg := k.message
		if k.posted {
			msg = firstClause(msg)
		}
		text := rule + ": " + inline(shorten(msg, maxMessage, false))
		idx := groups[k]
		if len(idx) == 1 {
			line := head + "- " + findingPlace(r, opts, l, idx[0], false) + " " + text
			if f := r.Findings[idx[0]]; !k.posted && f.Excerpt != "" {
				line += "\n  " + Quote(shorten(f.Excerpt, maxExcerptShown, false))
			}
			d.addFinding(line)
			continue
		}
		d.addFinding(head + "- " + text)
		for _, i := range idx {
			d.addFinding("  - " + findingPlace(r, opts, l, i, true))
		}
	}
}

// findingPlace renders a finding's anchor and place, linked, with its
// other lines and, with excerpt, the excerpt of a finding in the summary
// only.
func findingPlace(r *review.Result, opts MarkdownOptions, l linker, i int, excerpt bool) string {
	f := r.Findings[i]
	where, posted := opts.Inline[i]
	// A finding about the whole file is posted on the file and links to
	// the file, not to the line that anchors it.
	line := f.Line
	if f.File {
		line = 0
	}
	target := safeURL(where)
	switch {
	case target != "":
	case posted:
		target = l.diffLine(f.Path, line)
	default:
		target = l.blob(f.Path, line)
	}
	label := fmt.Sprintf("%s:%d", shorten(f.Path, maxPath, true), f.Line)
	short := fmt.Sprintf("%s:%d", shorten(tail(f.Path), maxPath, true), f.Line)
	if f.File {
		label = shorten(f.Path, maxPath, true) + " (the whole file)"
		short = shorten(tail(f.Path), maxPath, true) + " (the whole file)"
	}
	loc := Quote(label)
	if target != "" {
		loc = "[" + Quote(short) + "](" + target + ")"
	}
	s := fmt.Sprintf(`<a id="rb-finding-%d"></a>`, i+1) + loc
	if len(f.Lines) > 1 {
		s += " (also " + rules.AlsoLines(f.Lines[1:]) + ")"
	}
	switch {
	case posted && target != "":
		s += " 💬" // the link goes to the inline comment
	case posted:
		s += " (posted inline: " + Escape(shorten(where, maxShort, false)) + ")"
	case excerpt && f.Excerpt != "":
		s += " " + Quote(shorten(f.Excerpt, maxExcerptShown, false))
	}
	return s
}

// maxExcerptShown bounds an excerpt in the summary; the inline comment
// and the text output have the whole line.
const maxExcerptShown = 120

// tail is the last two segments of a path: "HeadlessTests/MtlsTests.cs".
// The link it labels has the whole path.
func tail(p string) string {
	segs := strings.Split(p, "/")
	if len(segs) <= 2 {
		return p
	}
	return strings.Join(segs[len(segs)-2:], "/")
}

// firstClause is what is wrong, without how to fix it: a rule's message up
// to its first ": " (the inline comment has the rest).
func firstClause(msg string) string {
	if i := strings.Index(msg, ": "); i > 20 {
		return msg[:i]
	}
	return msg
}

// severityPlural names a severity's findings.
func severityPlural(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "Errors"
	case rules.Warning:
		return "Warnings"
	case rules.Notice:
		return "Notices"
	}
	return "Other findings"
}

// maxItemText bounds an item's text in the summary: the guidance's wording
// is kept, a long paragraph is cut.
const maxItemText = 160

// itemText renders an item's text.
func itemText(it review.ItemResult) string {
	return inline(shorten(it.Text, maxItemText, false))
}

// writeReviewer lists the items a person must act on: failed items with
// links to their findings, manual ones with the code to look at; the
// common reason of manual items without one is said once below them.
func writeReviewer(d *mdDoc, r *review.Result, opts MarkdownOptions, l linker) {
	items := reviewerItems(r)
	if len(items) == 0 {
		return
	}
	d.add("")
	d.add(fmt.Sprintf("#### Needs a reviewer (%d)", len(items)))
	d.add("")
	generic := false
	for _, it := range items {
		d.add(itemLine(r, opts, l, it))
		generic = generic || genericManual(it)
	}
	if generic {
		d.add("")
		d.add("✋ No rule can check these: a person must.")
	}
}

// genericManual reports whether an item is manual for the usual reason
// (no rule sees it), said once under the list rather than on each item.
func genericManual(it review.ItemResult) bool {
	return it.Status == review.Manual && len(it.Evidence) == 0 &&
		(strings.HasPrefix(it.Why, "a person must check this") || strings.HasPrefix(it.Why, "no rule can verify this"))
}

// itemLine renders one checklist or focus item with its status.
func itemLine(r *review.Result, opts MarkdownOptions, l linker, it review.ItemResult) string {
	text := itemText(it)
	why := ""
	if it.Why != "" {
		why = " — " + inline(shorten(it.Why, maxShort, false))
	}
	switch it.Status {
	case review.Pass:
		return "- [x] " + text + evidence(l, it)
	case review.Fail:
		var links []string
		for _, i := range it.Findings {
			if i < 0 || i >= len(r.Findings) {
				continue
			}
			target := fmt.Sprintf("#rb-finding-%d", i+1)
			if u := safeURL(opts.Inline[i]); u != "" {
				target = u
			}
			links = append(links, fmt.Sprintf("[finding %d](%s)", i+1, target))
		}
		s := "- [ ] **fail** · " + text
		if len(links) > 0 {
			s += ": " + strings.Join(links, ", ")
		}
		return s
	case review.Manual:
		s := "- [ ] ✋ " + text
		switch {
		case len(it.Evidence) > 0:
			return s + " — check" + evidence(l, it)[len(" —"):]
		case genericManual(it):
			return s
		}
		return s + why
	case review.NA:
		return "- ➖ *n/a* · " + text + why
	case review.NotChecked:
		if it.Reviewer() {
			return "- [ ] ❔ *not checked* · " + text + why
		}
		return "- ❔ *not checked* · " + text + why
	case review.NotInChange:
		return "- ➖ *not in this change* · " + text + why
	}
	return "- [ ] *" + Escape(string(it.Status)) + "* · " + text + why
}

// evidence renders where an item's evidence is: " — File.cs:12" linked
// to the line in the head (the file name only: the link has the path),
// then "+N more"; or "".
func evidence(l linker, it review.ItemResult) string {
	if len(it.Evidence) == 0 {
		return ""
	}
	e := it.Evidence[0]
	s := " — " + l.short(e.Path, e.Line)
	if n := len(it.Evidence) - 1; n > 0 {
		s += fmt.Sprintf(" +%d more", n)
	}
	return s
}

// writeChecked folds away what needs no person: the items that passed,
// with their evidence, and a count per reason of those that do not apply
// or had nothing in this change to check.
func writeChecked(d *mdDoc, r *review.Result, l linker) {
	var pass []review.ItemResult
	rest := map[string]int{}
	var order []string
	for _, it := range append(slices.Clone(r.Focus), r.Checklist...) {
		switch {
		case it.Reviewer():
		case it.Status == review.Pass:
			pass = append(pass, it)
		default:
			why := strings.TrimPrefix(it.Why, "nothing in this change to check: ")
			if rest[why] == 0 {
				order = append(order, why)
			}
			rest[why]++
		}
	}
	if len(pass)+len(order) == 0 {
		return
	}
	d.add("")
	var focus []review.ItemResult
	for _, it := range pass {
		if len(it.Evidence) > 0 && slices.ContainsFunc(r.Focus, func(f review.ItemResult) bool { return f.ID == it.ID }) {
			focus = append(focus, it)
		}
	}
	if len(pass) > 0 {
		title := fmt.Sprintf("%d passed", len(pass))
		if len(focus) > 0 {
			title += fmt.Sprintf(", %d of them with evidence from the focus list", len(focus))
		}
		d.open(title)
		// Items shown by the same line share it: one link for them all.
		for i := 0; i < len(focus); i++ {
			it := focus[i]
			texts := []string{itemText(it)}
			for i+1 < len(focus) && focus[i+1].Evidence[0].Path == it.Evidence[0].Path && focus[i+1].Evidence[0].Line == it.Evidence[0].Line {
				i++
				texts = append(texts, itemText(focus[i]))
			}
			d.add("- [x] " + strings.Join(texts, "; ") + evidence(l, it))
		}
		if n := len(pass) - len(focus); n > 0 {
			if len(focus) > 0 {
				d.add("")
			}
			what := plural(n, "item")
			if len(focus) > 0 {
				what = plural(n, "more item")
			}
			d.add(fmt.Sprintf("%s of the checklist and focus list passed on the rules' silence (`reviewbot check --checklist` lists each).", what))
		}
		d.close()
	}
	if len(order) > 0 {
		n := 0
		for _, k := range order {
			n += rest[k]
		}
		d.open(fmt.Sprintf("%d not applicable or nothing to check", n))
		// "no leg 1 exchange audience in this change" and its like are
		// one line per part of the change: "Not in this change: ...".
		var where []string
		missing := map[string][]string{}
		count := map[string]int{}
		for _, k := range order {
			what, in, ok := missingIn(k)
			if !ok {
				shown := k
				if h, _, cut := strings.Cut(k, ": this change is "); cut {
					shown = h // "not the FIC two-leg flow": the verdict names the flow
				}
				d.add(fmt.Sprintf("- %s: %s", inline(shorten(shown, maxShort, false)), plural(rest[k], "item")))
				continue
			}
			if _, seen := missing[in]; !seen {
				where = append(where, in)
			}
			missing[in] = append(missing[in], what)
			count[in] += rest[k]
		}
		for _, in := range where {
			d.add(fmt.Sprintf("- not in %s (%s): %s", in, plural(count[in], "item"), inline(shorten(strings.Join(missing[in], "; "), maxMessage, false))))
		}
		d.close()
	}
}

// missingIn reads a reason "no X in this change" as X and "this change".
func missingIn(reason string) (what, in string, ok bool) {
	for _, w := range []string{"this change", "the change's tests", "the change's documents"} {
		if x, found := strings.CutSuffix(reason, " in "+w); found && strings.HasPrefix(x, "no ") && !strings.Contains(x, ";") {
			return strings.TrimPrefix(x, "no "), w, true
		}
	}
	return "", "", false
}

// maxSignalPlaces is how many places one flow signal lists before "+N
// more".
const maxSignalPlaces = 2

// writeWhy folds away why the flow is what it is (one line per signal)
// and which files were in scope and why.
func writeWhy(d *mdDoc, r *review.Result, l linker) {
	var in []review.FileDecision
	for _, f := range r.Files {
		if f.InScope {
			in = append(in, f)
		}
	}
	title := "Why " + flowName(orNone(r.Flow))
	if orNone(r.Flow) == review.NoFlow {
		title = "Why no flow"
	}
	d.open(fmt.Sprintf("%s · %s in scope", title, plural(len(in), "file")))
	if len(r.Evidence) == 0 {
		d.add("No mTLS PoP flow signal in the changed lines of the in-scope files.")
	}
	type sig struct {
		flow   review.Flow
		signal string
	}
	var order []sig
	at := map[sig][]string{}
	for _, e := range r.Evidence {
		k := sig{orNone(e.Flow), e.Signal}
		if _, ok := at[k]; !ok {
			order = append(order, k)
		}
		at[k] = append(at[k], Quote(fmt.Sprintf("%s:%d", shorten(tail(e.Path), maxPath, true), e.Line)))
	}
	for i, k := range order {
		if i == maxEvidence {
			d.add(fmt.Sprintf("- … and %d more signals (`reviewbot check --format text` lists them all)", len(order)-maxEvidence))
			break
		}
		places := at[k]
		s := strings.Join(places[:min(len(places), maxSignalPlaces)], ", ")
		if len(places) > maxSignalPlaces {
			s += fmt.Sprintf(" +%d more", len(places)-maxSignalPlaces)
		}
		d.add(fmt.Sprintf("- %s → %s: %s", inline(shorten(k.signal, maxShort, false)), flowName(k.flow), s))
	}
	d.add("")
	writeFileGroups(d, l, in, maxInScopeNamed, true)
	if nv := novelty(r); nv != "" {
		d.add("")
		d.add(nv)
	}
	d.close()
}

// writeFileGroups lists files under their scope reason, one line per
// reason: "glob **/*mtls*/**: A.cs, B.cs +3 more". Named files are linked
// to the head when link is set; at most max files are named in all.
func writeFileGroups(d *mdDoc, l linker, fs []review.FileDecision, max int, link bool) {
	var order []string
	by := map[string][]review.FileDecision{}
	for _, f := range fs {
		// "content BindingCertificate (line 6)": one line per kind of
		// content, whatever the line.
		reason, _, _ := strings.Cut(f.Reason, " (line ")
		if _, ok := by[reason]; !ok {
			order = append(order, reason)
		}
		by[reason] = append(by[reason], f)
	}
	named := 0
	for _, reason := range order {
		var names []string
		group := by[reason]
		for _, f := range group {
			if named == max {
				break
			}
			named++
			name := Quote(shorten(tail(f.Path), maxPath, true))
			if u := l.blob(f.Path, 0); link && u != "" {
				name = "[" + name + "](" + u + ")"
			}
			if f.OldPath != "" && f.OldPath != f.Path {
				name = Quote(shorten(tail(f.OldPath), maxPath, true)) + " → " + name
			}
			names = append(names, name)
		}
		line := "- " + reasonText(reason) + ": " + strings.Join(names, ", ")
		if n := len(group) - len(names); n > 0 {
			if len(names) == 0 {
				line = "- " + reasonText(reason) + ": " + plural(n, "file")
			} else {
				line += fmt.Sprintf(" +%d more", n)
			}
		}
		d.add(line)
	}
}

// writeNotReviewed says what was not reviewed and why: in-scope files the
// rules could not read, files outside the guidance, and warnings.
func writeNotReviewed(d *mdDoc, r *review.Result, l linker) {
	var unread, out []review.FileDecision
	for _, f := range r.Files {
		switch {
		case f.InScope && f.NotReviewed != "":
			unread = append(unread, f)
		case !f.InScope:
			out = append(out, f)
		}
	}
	if len(unread)+len(out)+len(r.Warnings) == 0 {
		return
	}
	if len(unread)+len(r.Warnings) > 0 {
		d.add("")
		d.add("#### Not reviewed")
	}
	for _, f := range unread {
		d.add("- " + fileName(l, f) + ": " + inline(shorten(f.NotReviewed, maxShort, false)))
	}
	if len(out) > 0 {
		d.open(fmt.Sprintf("%s out of the guidance's scope", plural(len(out), "file")))
		writeFileGroups(d, l, out, maxOutScope, false)
		d.close()
	}
	if len(r.Warnings) > 0 {
		d.open(plural(len(r.Warnings), "guidance warning"))
		for i, w := range r.Warnings {
			if i == maxWarnings {
				d.add(fmt.Sprintf("- … and %d more warnings", len(r.Warnings)-maxWarnings))
				break
			}
			d.add("- " + inline(shorten(w, maxMessage, false)))
		}
		d.close()
	}
}

// plural writes n and a noun, with an "s" unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// safeURL returns s as a link target when it is a plain http(s) URL, with
// the characters that could end a Markdown link destination encoded; ""
// otherwise.
func safeURL(s string) string {
	if s == "" || len(s) > 2000 {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return ""
	}
	out := u.String()
	for _, c := range out {
		if c <= ' ' || c >= 0x7f || strings.ContainsRune("<>()[]`\"'\\", c) {
			return ""
		}
	}
	return out
}

// mdUnit is one atomic piece of the summary: the summary is only ever cut
// between units.
type mdUnit struct {
	text    string
	finding bool
	depth   int // <details> blocks open after this unit
}

// mdDoc collects the summary's units.
type mdDoc struct {
	units []mdUnit
	depth int
}

func (d *mdDoc) add(s string) { d.units = append(d.units, mdUnit{text: s, depth: d.depth}) }

func (d *mdDoc) addFinding(s string) {
	d.units = append(d.units, mdUnit{text: s, finding: true, depth: d.depth})
}

// open starts a folded block; summary must be our own text, never PR
// content, because GitHub does not read Markdown inside the HTML block.
func (d *mdDoc) open(summary string) {
	d.add("")
	d.depth++
	d.add("<details><summary>" + summary + "</summary>")
	d.add("")
}

func (d *mdDoc) close() {
	d.add("")
	d.depth--
	d.add("</details>")
}

// closers closes depth open <details> blocks.
func closers(depth int) string {
	return strings.Repeat("\n\n</details>", depth)
}

// join joins units with line breaks.
func join(units []mdUnit) string {
	var b strings.Builder
	for i, u := range units {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(u.text)
	}
	return b.String()
}

// render joins the units. When the result is longer than limit bytes it
// first drops findings from the end of the list (least severe first),
// saying how many in their place; when even that is too long it keeps the
// longest prefix of whole units that fits with the closing tags of open
// <details> blocks and a note. The marker always ends the summary.
func (d *mdDoc) render(limit int, marker string) string {
	tail := ""
	if marker != "" {
		tail = "\n\n" + marker
	}
	full := join(d.units)
	if len(full)+len(tail) <= limit {
		return full + tail
	}
	if s, ok := d.dropFindings(limit, tail); ok {
		return s
	}
	return d.cut(limit, marker, tail)
}

// dropFindings fits the summary by leaving out the last findings; ok is
// false when the rest of the summary alone is too long.
func (d *mdDoc) dropFindings(limit int, tail string) (string, bool) {
	first, total, fixed := -1, 0, 0
	for i, u := range d.units {
		if u.finding {
			if first < 0 {
				first = i
			}
			total++
			continue
		}
		fixed += len(u.text) + 1
	}
	if total == 0 {
		return "", false
	}
	note := func(n int) string {
		what := plural(n, "more finding")
		if n == total {
			what = plural(n, "finding")
		}
		return fmt.Sprintf("\n> [!WARNING]\n> %s not shown: the summary must fit in %s characters. "+
			"`reviewbot check` on the same diff, the job log and the SARIF upload list every finding.",
			what, thousands(limit))
	}
	// "N more findings" is longer than "N findings": reserve the longer.
	budget := limit - len(tail) - fixed - (max(len(note(total)), len(note(max(total-1, 1)))) + 1)
	if budget < 0 {
		return "", false
	}
	kept, used := 0, 0
	for _, u := range d.units[first : first+total] {
		if used+len(u.text)+1 > budget {
			break
		}
		used += len(u.text) + 1
		kept++
	}
	units := make([]mdUnit, 0, len(d.units)-total+kept+1)
	units = append(units, d.units[:first+kept]...)
	units = append(units, mdUnit{text: note(total - kept)})
	units = append(units, d.units[first+total:]...)
	return join(units) + tail, true
}

// cut keeps the longest prefix of whole units that fits.
func (d *mdDoc) cut(limit int, marker, tail string) string {
	totalFindings, totalLines := 0, 0
	for _, u := range d.units {
		if u.finding {
			totalFindings++
		}
		if u.text != "" {
			totalLines++
		}
	}
	note := func(lines, findings int) string {
		s := fmt.Sprintf("\n\n> [!WARNING]\n> This summary was cut to fit in %s characters: %s",
			thousands(limit), plural(lines, "more line"))
		if findings > 0 {
			s += fmt.Sprintf(", among them %s,", plural(findings, "finding"))
		}
		return s + " not shown. `reviewbot check` on the same diff, the job log and the SARIF upload have the full report."
	}
	// The note for everything omitted is the longest the note can be.
	reserve := len(note(totalLines, totalFindings)) + len(tail)
	used, keep, shownFindings, shownLines := 0, 0, 0, 0
	for i, u := range d.units {
		add := len(u.text)
		if i > 0 {
			add++
		}
		if used+add+len(closers(u.depth))+reserve > limit {
			break
		}
		used += add
		keep = i + 1
		if u.finding {
			shownFindings++
		}
		if u.text != "" {
			shownLines++
		}
	}
	if keep == 0 {
		// Not even the title fits: the note and marker alone, if they do.
		n := strings.TrimPrefix(note(totalLines, totalFindings), "\n\n")
		if len(n)+len(tail) <= limit {
			return n + tail
		}
		if len(marker) <= limit {
			return marker
		}
		return ""
	}
	return join(d.units[:keep]) + closers(d.units[keep-1].depth) +
		note(totalLines-shownLines, totalFindings-shownFindings) + tail
}

// thousands writes n with commas: 65,536.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
