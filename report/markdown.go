package report

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/reviewbot/reviewbot/flow"
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
	maxEvidence = 10
	maxInScope  = 30
	maxOutScope = 30
	maxWarnings = 50
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
}

// Markdown returns the summary the GitHub Action posts: the flow and the
// evidence for it, the in-scope files and why, the findings by severity,
// the flow's reviewer focus list and the pre-PR checklist as task lists
// (passing and not-applicable items folded away), and what was not
// reviewed and why. Everything quoted from the pull request or the guidance
// goes through Quote or Escape.
func Markdown(r *review.Result, opts MarkdownOptions) string {
	if r == nil {
		r = &review.Result{}
	}
	limit := opts.MaxLen
	if limit <= 0 {
		limit = MaxBody
	}
	d := &mdDoc{}
	writeHeader(d, r, opts)
	writeEvidence(d, r)
	writeInScope(d, r)
	writeFindings(d, r, opts)
	writeSuppressed(d, r)
	writeItems(d, r, opts, focusTitle(r.Flow), r.Focus, "No reviewer focus list applies to this flow.")
	writeItems(d, r, opts, "Pre-PR checklist", r.Checklist, "The guidance has no pre-PR checklist.")
	writeNotReviewed(d, r)
	return d.render(limit, opts.Marker)
}

// maxUnreadNamed bounds the unread files the verdict names.
const maxUnreadNamed = 5

// writeHeader writes the title, the flow line with the counts, and the
// action's notes.
func writeHeader(d *mdDoc, r *review.Result, opts MarkdownOptions) {
	d.add("### reviewbot: mTLS PoP review")
	d.add("")
	f := orNone(r.Flow)
	line := "**Flow: " + flowName(f) + "**"
	if len(r.Variants) > 0 {
		vs := make([]string, len(r.Variants))
		for i, v := range r.Variants {
			vs[i] = Escape(string(v))
		}
		line += " (" + strings.Join(vs, ", ") + ")"
	}
	if r.Overridden {
		line += " · set by a label or `--flow`; the evidence says " + flowName(orNone(r.Detected))
	}
	var e, w, n int
	for _, x := range r.Findings {
		switch x.Severity {
		case rules.Error:
			e++
		case rules.Warning:
			w++
		default:
			n++
		}
	}
	var unread []string
	for _, fd := range r.Files {
		if fd.InScope && fd.Unread {
			unread = append(unread, fd.Path)
		}
	}
	switch {
	case e+w+n == 0 && len(unread) > 0:
		line += " · no findings in the files read"
	case e+w+n == 0:
		line += " · no findings"
	default:
		line += fmt.Sprintf(" · %s, %s, %s", plural(e, "error"), plural(w, "warning"), plural(n, "notice"))
	}
	in := 0
	for _, fd := range r.Files {
		if fd.InScope {
			in++
		}
	}
	line += fmt.Sprintf(" · %d of %s in scope", in, plural(len(r.Files), "changed file"))
	d.add(line)
	if len(unread) > 0 {
		// A file the rules never saw is not clean: name it in the verdict.
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
func flowName(f flow.Flow) string {
	switch f {
	case flow.Vanilla:
		return "vanilla"
	case flow.FIC:
		return "FIC two-leg"
	case flow.Both:
		return "vanilla and FIC two-leg"
	case flow.None:
		return "none"
	}
	return Escape(string(f))
}

// focusTitle titles the reviewer focus list of flow f.
func focusTitle(f flow.Flow) string {
	switch orNone(f) {
	case flow.None:
		return "Reviewer focus"
	}
	return "Reviewer focus: " + flowName(f) + " flow"
}

// writeEvidence writes why the flow is what it is.
func writeEvidence(d *mdDoc, r *review.Result) {
	d.add("")
	d.add("#### Why this flow")
	ev := r.Evidence
	if len(ev) == 0 {
		d.add("No mTLS PoP flow signal in the changed lines of the in-scope files.")
		return
	}
	for i, e := range ev {
		if i == maxEvidence {
			d.add(fmt.Sprintf("- … and %d more signals (`reviewbot check --format text` lists them all)", len(ev)-maxEvidence))
			break
		}
		d.add(fmt.Sprintf("- %s: %s → %s", Quote(fmt.Sprintf("%s:%d", shorten(e.Path, maxPath, true), e.Line)),
			inline(shorten(e.Signal, maxShort, false)), flowName(orNone(e.Flow))))
	}
}

// writeInScope lists the files the guidance covers and why.
func writeInScope(d *mdDoc, r *review.Result) {
	var in []review.FileDecision
	for _, f := range r.Files {
		if f.InScope {
			in = append(in, f)
		}
	}
	d.add("")
	d.add(fmt.Sprintf("#### In scope (%s)", plural(len(in), "file")))
	if len(in) == 0 {
		d.add("No changed file is covered by the guidance: nothing was reviewed.")
		return
	}
	folded := len(in) > collapseInScope
	if folded {
		d.open(fmt.Sprintf("%d files in scope", len(in)))
	}
	for i, f := range in {
		if i == maxInScope {
			d.add(fmt.Sprintf("- … and %d more (`reviewbot check --format text` lists them all)", len(in)-maxInScope))
			break
		}
		d.add("- " + fileName(f) + ": " + reasonText(f.Reason))
	}
	if folded {
		d.close()
	}
	if nv := novelty(r); nv != "" {
		d.add("")
		d.add(nv)
	}
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

// fileName renders a file decision's path, with the old name of a rename.
func fileName(f review.FileDecision) string {
	s := Quote(shorten(f.Path, maxPath, true))
	if f.OldPath != "" && f.OldPath != f.Path {
		s = Quote(shorten(f.OldPath, maxPath, true)) + " → " + s
	}
	return s
}

// writeFindings lists the findings, most severe first.
func writeFindings(d *mdDoc, r *review.Result, opts MarkdownOptions) {
	d.add("")
	d.add("#### Findings")
	if len(r.Findings) == 0 {
		d.add("No findings.")
		return
	}
	var sev rules.Severity = -1
	for _, i := range findingOrder(r.Findings, true) {
		f := r.Findings[i]
		head := ""
		if f.Severity != sev {
			// The heading travels with the group's first finding, so a cut
			// summary never shows a heading with nothing under it.
			sev = f.Severity
			n := 0
			for _, g := range r.Findings {
				if g.Severity == sev {
					n++
				}
			}
			head = fmt.Sprintf("\n**%s (%d)**\n\n", severityPlural(sev), n)
		}
		loc := Quote(fmt.Sprintf("%s:%d", shorten(f.Path, maxPath, true), f.Line))
		if len(f.Lines) > 1 {
			loc += " (also " + rules.AlsoLines(f.Lines[1:]) + ")"
		}
		line := head + "- " + fmt.Sprintf(`<a id="rb-finding-%d"></a>`, i+1) + loc + " " + ruleLink(f.Rule) + ": "
		if where, ok := opts.Inline[i]; ok {
			line += inline(shorten(f.Message, maxShort, false))
			if u := safeURL(where); u != "" {
				line += " ([inline comment](" + u + "))"
			} else {
				line += " (posted inline: " + Escape(shorten(where, maxShort, false)) + ")"
			}
			d.addFinding(line)
			continue
		}
		line += inline(shorten(f.Message, maxMessage, false))
		if f.Excerpt != "" {
			line += "\n  " + Quote(shorten(f.Excerpt, maxExcerpt, false))
		}
		d.addFinding(line)
	}
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

// writeItems writes one list of items as a task list grouped by sub-heading:
// failed and manual items openly, passing and not-applicable ones folded.
func writeItems(d *mdDoc, r *review.Result, opts MarkdownOptions, title string, list []review.ItemResult, empty string) {
	d.add("")
	d.add("#### " + title)
	if len(list) == 0 {
		d.add(empty)
		return
	}
	var open, folded []review.ItemResult
	pass, na := 0, 0
	for _, it := range list {
		switch it.Status {
		case review.Pass:
			pass++
			folded = append(folded, it)
		case review.NA:
			na++
			folded = append(folded, it)
		default:
			open = append(open, it)
		}
	}
	writeGroups(d, r, opts, open)
	if len(folded) > 0 {
		var parts []string
		if pass > 0 {
			parts = append(parts, fmt.Sprintf("%d passed", pass))
		}
		if na > 0 {
			parts = append(parts, fmt.Sprintf("%d not applicable", na))
		}
		d.open(strings.Join(parts, ", "))
		writeGroups(d, r, opts, folded)
		d.close()
	}
}

// writeGroups writes items under their group names, groups in the order
// they first appear.
func writeGroups(d *mdDoc, r *review.Result, opts MarkdownOptions, list []review.ItemResult) {
	var order []string
	byGroup := map[string][]review.ItemResult{}
	for _, it := range list {
		if _, ok := byGroup[it.Group]; !ok {
			order = append(order, it.Group)
		}
		byGroup[it.Group] = append(byGroup[it.Group], it)
	}
	for _, g := range order {
		if g != "" {
			d.add("")
			d.add("**" + inline(shorten(g, maxShort, false)) + "**")
		}
		d.add("")
		for _, it := range byGroup[g] {
			d.add(itemLine(r, opts, it))
		}
	}
}

// itemLine renders one checklist or focus item with its status.
func itemLine(r *review.Result, opts MarkdownOptions, it review.ItemResult) string {
	text := inline(shorten(it.Text, maxShort, false))
	why := ""
	if it.Why != "" {
		why = " — " + inline(shorten(it.Why, maxShort, false))
	}
	switch it.Status {
	case review.Pass:
		return "- [x] " + text + why
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
		s := "- [ ] **fail** · " + text + why
		if len(links) > 0 {
			s += ": " + strings.Join(links, ", ")
		}
		return s
	case review.Manual:
		return "- [ ] ✋ *manual* · " + text + why
	case review.NA:
		return "- ➖ *n/a* · " + text + why
	case review.NotChecked:
		return "- [ ] ❔ *not checked* · " + text + why
	}
	return "- [ ] *" + Escape(string(it.Status)) + "* · " + text + why
}

// writeNotReviewed says what was not reviewed and why: in-scope files the
// rules could not read, files outside the guidance, and warnings.
func writeNotReviewed(d *mdDoc, r *review.Result) {
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
	d.add("")
	d.add("#### Not reviewed")
	for _, f := range unread {
		d.add("- " + fileName(f) + ": " + inline(shorten(f.NotReviewed, maxShort, false)))
	}
	if len(out) > 0 {
		d.open(fmt.Sprintf("%s out of the guidance's scope", plural(len(out), "file")))
		for i, f := range out {
			if i == maxOutScope {
				d.add(fmt.Sprintf("- … and %d more", len(out)-maxOutScope))
				break
			}
			d.add("- " + fileName(f) + ": " + reasonText(f.Reason))
		}
		d.close()
	}
	if len(r.Warnings) > 0 {
		d.add("")
		d.add("**Warnings**")
		d.add("")
		for i, w := range r.Warnings {
			if i == maxWarnings {
				d.add(fmt.Sprintf("- … and %d more warnings", len(r.Warnings)-maxWarnings))
				break
			}
			d.add("- " + inline(shorten(w, maxMessage, false)))
		}
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
	budget := limit - len(tail) - fixed - (len(note(total)) + 1)
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
