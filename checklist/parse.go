package checklist

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// Parse reads one guidance document: YAML front matter (skill_name,
// version, description, applies_to, tags; other keys are ignored) and a
// Markdown body whose sections it recognises by their heading text. name
// names the document in errors, warnings and each item's Source. Missing or
// invalid front matter and an empty document are errors naming the file and
// line; what Parse can read but not use (labels in applies_to, no known
// section) becomes a Warning.
func Parse(name string, data []byte) (g *Guidance, err error) {
	defer func() {
		// goldmark is fuzzed with this parser and has not panicked; should a
		// future version do so, the run still gets a one-line error.
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("%s: cannot read the Markdown (%v): this is a reviewbot bug, please report it with the file", name, r)
		}
	}()
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: %w: write YAML front matter with applies_to and the guidance sections", name, errEmpty)
	}
	yml, body, yamlLine, bodyLine, err := splitFrontMatter(name, data)
	if err != nil {
		return nil, err
	}
	g = &Guidance{Sources: []string{name}, Focus: map[string][]Group{}}
	if err := readFrontMatter(name, yml, yamlLine, g); err != nil {
		return nil, err
	}
	p := &parser{name: name, src: body, bodyLine: bodyLine, g: g, curFlow: -1, curAP: -1}
	for i, c := range body {
		if c == '\n' {
			p.newlines = append(p.newlines, i)
		}
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := md.Parser().Parse(text.NewReader(body))
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p.block(n)
	}
	p.finish()
	return g, nil
}

type sectionKind int

const (
	secNone sectionKind = iota
	secFlows
	secTerms
	secAlways
	secNever
	secPitfalls
	secReviewer
	secDocFocus
	secChecklist
	// secKeyPoints is a flow document's "Key Points": the numbered bold
	// statements the MSAL.NET skill files give each flow, its focus list.
	secKeyPoints
)

type heading struct {
	level int
	kind  sectionKind
	title string
}

type parser struct {
	name     string
	src      []byte
	newlines []int
	bodyLine int
	g        *Guidance
	stack    []heading

	sawHeading bool
	// title is the document's H1 title ("MSAL.NET mTLS PoP - Vanilla Flow").
	title string

	label string // the bold label ("**For Vanilla Flow PRs**:") in force

	curFlow   int    // index in g.Flows of the flow being defined, or -1
	flowField string // what a list under the current flow holds

	curAP    int  // index in g.AntiPatterns of the open pitfall, or -1
	apGood   bool // the open pitfall's last line was its ✅ side
	curTerm  int  // index in g.Terms of the open NEVER term, or -1
	termOpen bool
}

// line turns a byte offset of the body into a 1-based line of the file.
func (p *parser) line(off int) int {
	if off < 0 {
		return 0
	}
	return p.bodyLine + sort.SearchInts(p.newlines, off)
}

// offset finds where a node's text starts in the body, or -1.
func offset(n ast.Node) int {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return l.At(0).Start
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if o := offset(c); o >= 0 {
			return o
		}
	}
	return -1
}

func (p *parser) kind() sectionKind {
	if len(p.stack) == 0 {
		return secNone
	}
	return p.stack[len(p.stack)-1].kind
}

// root is the title of the heading that opened the current kind of
// section ("Pre-PR Verification Checklist").
func (p *parser) root() string {
	k := p.kind()
	for _, h := range p.stack {
		if h.kind == k || (k == secAlways || k == secNever) && h.kind == secTerms {
			return h.title
		}
	}
	return p.inner()
}

func (p *parser) inner() string {
	if len(p.stack) == 0 {
		return ""
	}
	return p.stack[len(p.stack)-1].title
}

func (p *parser) block(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		p.heading(n)
	case *ast.Paragraph:
		p.paragraph(n)
	case *ast.List:
		p.list(n)
	case *east.Table:
		switch p.kind() {
		case secAlways:
			p.table(n)
		case secNever:
			p.neverTable(n)
		}
	case *ast.FencedCodeBlock:
		p.code(n)
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			p.block(c)
		}
	}
}

func (p *parser) heading(n *ast.Heading) {
	title := strings.TrimSpace(inline(n, p.src, false))
	for len(p.stack) > 0 && p.stack[len(p.stack)-1].level >= n.Level {
		p.stack = p.stack[:len(p.stack)-1]
	}
	kind := headingKind(title, p.kind())
	if n.Level == 1 && !p.sawHeading {
		kind = secNone // the document's title, not a section
		p.title = title
	}
	p.sawHeading = true
	p.stack = append(p.stack, heading{level: n.Level, kind: kind, title: title})
	p.label = ""
	p.curFlow, p.flowField = -1, ""
	p.curAP, p.curTerm = -1, -1
	if kind == secFlows {
		if f := flowOf(title); f != "" {
			p.startFlow(f, title, p.line(offset(n)))
			p.flowField = "heading"
		}
	}
}

func has(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

var (
	ficWordRE = prefilter.MustCompile(`(^|[^a-z])fic([^a-z]|$)`)
	reviewRE  = prefilter.MustCompile(`\breview\b`)
	flowsRE   = prefilter.MustCompile(`\bflows?\b.*\b(definitions?|patterns?|types|kinds|overview)\b|\bcanonical flows?\b|^flows?$`)
)

// headingKind recognises a section by its heading, given the section it
// sits in: sub-headings of a checklist or focus area stay in it ("Terminology
// Compliance" is a checklist group, not terminology rules).
func headingKind(title string, parent sectionKind) sectionKind {
	t := strings.ToLower(title)
	docFocus := has(t, "documentation", "docs") && has(t, "review", "focus")
	checklist := strings.Contains(t, "checklist") && !has(t, "format", "example", "template")
	switch parent {
	case secChecklist, secDocFocus, secPitfalls, secKeyPoints:
		return parent
	case secFlows:
		return parent
	case secReviewer:
		if docFocus {
			return secDocFocus
		}
		if checklist {
			return secChecklist
		}
		return parent
	case secTerms, secAlways, secNever:
		switch {
		case docFocus:
			return secDocFocus
		case checklist:
			return secChecklist
		case has(t, "reviewer", "review focus", "code review", "reviewing"):
			return secReviewer
		case flowsRE.MatchString(t):
			return secFlows
		case has(t, "never", "avoid", "anti-pattern", "antipattern", "don't", "do not", "forbidden"):
			return secNever
		case has(t, "always", "preferred", "use these", "glossary"):
			return secAlways
		}
		return secTerms
	}
	switch {
	case docFocus:
		return secDocFocus
	case checklist:
		return secChecklist
	case t == "key points":
		return secKeyPoints
	case has(t, "reviewer", "code review", "reviewing") || reviewRE.MatchString(t):
		return secReviewer
	case flowsRE.MatchString(t):
		return secFlows
	case has(t, "terminolog", "vocabulary", "glossary", "naming"):
		return secTerms
	case has(t, "pitfall", "common mistakes", "common issues", "common problems", "common errors", "gotcha"):
		return secPitfalls
	}
	return secNone
}

// flowOf says which flow a heading or label defines: "vanilla", "fic" or "".
func flowOf(title string) string {
	t := strings.ToLower(title)
	v := strings.Contains(t, "vanilla")
	f := ficWordRE.MatchString(t) || has(t, "two-leg", "two leg", "token exchange")
	switch {
	case v && !f:
		return "vanilla"
	case f && !v:
		return "fic"
	}
	return ""
}

func (p *parser) startFlow(flow, title string, line int) {
	p.g.Flows = append(p.g.Flows, FlowDef{Flow: flow, Title: title, Characteristics: []string{}, Source: p.name, Line: line})
	p.curFlow = len(p.g.Flows) - 1
}

// boldLabel reads a paragraph that starts with bold text: "**Label**: rest".
func boldLabel(n *ast.Paragraph, src []byte) (label, rest string, ok bool) {
	e, isEm := n.FirstChild().(*ast.Emphasis)
	if !isEm || e.Level != 2 {
		return "", "", false
	}
	label = strings.TrimSpace(inline(e, src, false))
	var b strings.Builder
	for c := e.NextSibling(); c != nil; c = c.NextSibling() {
		renderInline(&b, c, src, false)
	}
	rest = strings.TrimSpace(b.String())
	rest = strings.TrimSpace(strings.TrimPrefix(rest, ":"))
	label = strings.TrimSpace(strings.TrimSuffix(label, ":"))
	return label, rest, label != ""
}

func (p *parser) paragraph(n *ast.Paragraph) {
	switch p.kind() {
	case secNever:
		p.markedLines(n, true)
		return
	case secPitfalls:
		p.markedLines(n, false)
		return
	}
	label, rest, ok := boldLabel(n, p.src)
	if !ok {
		return
	}
	if p.kind() != secFlows {
		if rest == "" {
			p.label = label
		}
		return
	}
	l := strings.ToLower(label)
	switch {
	case rest == "" && flowOf(label) != "":
		p.startFlow(flowOf(label), label, p.line(offset(n)))
		p.flowField = "label"
	case p.curFlow < 0:
	case has(l, "definition"):
		p.g.Flows[p.curFlow].Definition = rest
	case has(l, "characteristic", "properties", "traits", "key points"):
		p.flowField = "characteristics"
	default:
		p.flowField = ""
	}
}

var (
	badLabelRE  = prefilter.MustCompile(`(?i)^(example|bad(\s+example)?|wrong|problem|anti-pattern|don't|avoid)\s*:\s*`)
	goodLabelRE = prefilter.MustCompile(`(?i)^(correct|good(\s+example)?|solution|instead|right|fix|do)\s*:\s*`)
)

// marker strips a leading ❌ or ✅ (or its GitHub shortcode) from s.
func marker(s string) (bad, good bool, rest string) {
	s = strings.TrimSpace(s)
	for _, m := range []string{"❌", ":x:", "✗"} {
		if strings.HasPrefix(s, m) {
			return true, false, strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, m), "\ufe0f"))
		}
	}
	for _, m := range []string{"✅", ":white_check_mark:", "✔"} {
		if strings.HasPrefix(s, m) {
			return false, true, strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, m), "\ufe0f"))
		}
	}
	return false, false, s
}

var emphasisRE = prefilter.MustCompile(`\*\*|__`)

// rawLine is one source line of a paragraph with emphasis markers and hard
// line breaks removed.
func rawLine(src []byte, seg text.Segment) string {
	s := string(seg.Value(src))
	s = strings.TrimRight(s, " \t\r\n")
	s = strings.TrimSuffix(s, "\\")
	s = emphasisRE.ReplaceAllString(s, "")
	return strings.TrimSpace(s)
}

// codeValue drops the backticks around a value that is one code span.
func codeValue(s string) string {
	if len(s) > 2 && strings.HasPrefix(s, "`") && strings.HasSuffix(s, "`") && !strings.Contains(s[1:len(s)-1], "`") {
		return s[1 : len(s)-1]
	}
	return s
}

// markedLines reads ❌/✅ lines: NEVER terms (never=true) or pitfalls.
func (p *parser) markedLines(n *ast.Paragraph, never bool) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		ln := p.line(seg.Start)
		bad, good, rest := marker(rawLine(p.src, seg))
		isBad := badLabelRE.MatchString(rest)
		isGood := goodLabelRE.MatchString(rest)
		value := codeValue(strings.TrimSpace(goodLabelRE.ReplaceAllString(badLabelRE.ReplaceAllString(rest, ""), "")))
		if never {
			p.neverLine(bad, good || isGood, isBad, value, rest, ln)
		} else {
			p.pitfallLine(bad || (isBad && !good), good || isGood, value, ln)
		}
	}
}

func (p *parser) neverLine(bad, good, isBad bool, value, rest string, ln int) {
	switch {
	case bad && !(isBad && p.curTerm >= 0 && p.g.Terms[p.curTerm].Example == ""):
		p.g.Terms = append(p.g.Terms, Term{Term: strings.TrimSpace(rest), Source: p.name, Line: ln})
		p.curTerm = len(p.g.Terms) - 1
	case p.curTerm < 0:
	case good:
		t := &p.g.Terms[p.curTerm]
		t.Correct = joinText(t.Correct, value)
	case isBad || bad:
		t := &p.g.Terms[p.curTerm]
		t.Example = joinText(t.Example, value)
	}
}

func joinText(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + " " + b
}

var numberedRE = prefilter.MustCompile(`^\d+[.)]\s+`)

func (p *parser) pitfallLine(bad, good bool, value string, ln int) {
	switch {
	case bad:
		title := numberedRE.ReplaceAllString(p.inner(), "")
		if len(p.stack) > 0 && p.stack[len(p.stack)-1].title == p.root() && p.label != "" {
			title = p.label
		}
		p.g.AntiPatterns = append(p.g.AntiPatterns, AntiPattern{Title: title, Bad: value, Source: p.name, Line: ln})
		p.curAP, p.apGood = len(p.g.AntiPatterns)-1, false
	case p.curAP < 0:
	case good:
		a := &p.g.AntiPatterns[p.curAP]
		a.Good = joinText(a.Good, value)
		if a.GoodLine == 0 {
			a.GoodLine = ln
		}
		p.apGood = true
	case p.apGood:
		a := &p.g.AntiPatterns[p.curAP]
		a.Good = joinText(a.Good, value)
	default:
		a := &p.g.AntiPatterns[p.curAP]
		a.Bad = joinText(a.Bad, value)
	}
}

func (p *parser) list(n *ast.List) {
	switch p.kind() {
	case secFlows:
		if p.curFlow < 0 || p.flowField == "" || p.flowField == "heading" {
			return
		}
		f := &p.g.Flows[p.curFlow]
		for _, it := range p.listTexts(n) {
			if p.flowField == "label" && f.Definition == "" {
				f.Definition = it.text
				continue
			}
			f.Characteristics = append(f.Characteristics, it.text)
		}
	case secReviewer:
		// A flow's focus list ("For Vanilla Flow PRs") feeds that flow;
		// reviewer lists for every change (the real-world "Must Have /
		// Should Have / Common Mistakes to Avoid") are checklist items.
		title := p.groupTitle()
		if key := flowOf(title); key != "" {
			p.g.Focus[key] = p.addGroup(p.g.Focus[key], title, n)
		} else {
			p.g.Checklist = p.addGroup(p.g.Checklist, title, n)
		}
	case secKeyPoints:
		// The Key Points of a flow document are that flow's focus list;
		// Merge files them under the flow the document's name gives.
		title := p.groupTitle()
		key := flowOf(title)
		if key == "" {
			key = flowOf(p.title)
		}
		if key == "" {
			key = "all"
		}
		p.g.Focus[key] = p.addGroup(p.g.Focus[key], title, n)
	case secDocFocus:
		p.g.DocFocus = p.addGroup(p.g.DocFocus, p.groupTitle(), n)
	case secChecklist:
		p.g.Checklist = p.addGroup(p.g.Checklist, p.groupTitle(), n)
	case secPitfalls:
		if p.curAP >= 0 && p.apGood {
			var parts []string
			for _, it := range p.listTexts(n) {
				parts = append(parts, it.text)
			}
			a := &p.g.AntiPatterns[p.curAP]
			a.Good = joinText(a.Good, strings.Join(parts, "; "))
		}
	case secNever:
		for _, it := range p.listTexts(n) {
			bad, good, rest := marker(it.text)
			isBad := badLabelRE.MatchString(rest)
			value := codeValue(strings.TrimSpace(goodLabelRE.ReplaceAllString(badLabelRE.ReplaceAllString(rest, ""), "")))
			p.neverLine(bad, good || goodLabelRE.MatchString(rest), isBad, value, rest, it.line)
		}
	case secNone:
		if isTaskList(n) {
			where := "before any heading"
			if h := p.inner(); h != "" {
				where = "under " + strconvQuote(h)
			}
			p.g.Warnings = append(p.g.Warnings, Warning{Source: p.name, Line: p.line(offset(n)),
				Message: "task list " + where + " is in no recognised section (pre-PR checklist, reviewer focus, documentation review focus): ignored"})
		}
	case secAlways:
		for _, it := range p.listTexts(n) {
			term, meaning, _ := strings.Cut(it.text, ":")
			p.g.Terms = append(p.g.Terms, Term{Always: true, Term: strings.TrimSpace(term), Meaning: strings.TrimSpace(meaning), Source: p.name, Line: it.line})
		}
	}
}

func (p *parser) groupTitle() string {
	if p.label != "" {
		return p.label
	}
	return p.inner()
}

func (p *parser) addGroup(gs []Group, title string, n *ast.List) []Group {
	section := p.root()
	if !strings.EqualFold(section, title) {
		section += " > " + title
	}
	i := -1
	for j := range gs {
		if strings.EqualFold(gs[j].Title, title) {
			i = j
		}
	}
	if i < 0 {
		gs = append(gs, Group{Title: title, Items: []Item{}})
		i = len(gs) - 1
	}
	for _, it := range p.listTexts(n) {
		kind, topics := Classify(section, it.text)
		gs[i].Items = append(gs[i].Items, Item{Text: it.text, Section: section, Source: p.name, Line: it.line, Kind: kind, Topics: topics})
	}
	return gs
}

type listText struct {
	text string
	line int
}

// listTexts renders each item of a list (and of lists nested in it) as one
// line of plain text with its code spans in backticks.
func (p *parser) listTexts(n *ast.List) []listText {
	var out []listText
	for li := n.FirstChild(); li != nil; li = li.NextSibling() {
		for c := li.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.List:
				out = append(out, p.listTexts(c)...)
			case *ast.TextBlock, *ast.Paragraph:
				if c.PreviousSibling() != nil {
					continue
				}
				t := strings.TrimSpace(inline(c, p.src, false))
				t = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(t, "[ ]"), "[x]"))
				if t != "" {
					out = append(out, listText{text: t, line: p.line(offset(c))})
				}
			}
		}
	}
	return out
}

func (p *parser) table(n *east.Table) {
	col := map[string]int{"term": 0, "meaning": 1, "example": 2}
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		cells := p.cells(r)
		if _, isHead := r.(*east.TableHeader); isHead {
			for i, h := range cells {
				h = strings.ToLower(h)
				switch {
				case has(h, "term", "word", "name"):
					col["term"] = i
				case has(h, "meaning", "definition", "description"):
					col["meaning"] = i
				case has(h, "example", "usage"):
					col["example"] = i
				}
			}
			continue
		}
		cell := func(k string) string {
			if i := col[k]; i < len(cells) {
				return cells[i]
			}
			return ""
		}
		if cell("term") == "" {
			continue
		}
		p.g.Terms = append(p.g.Terms, Term{Always: true, Term: cell("term"), Meaning: cell("meaning"),
			Example: cell("example"), Source: p.name, Line: p.line(offset(r))})
	}
}

var commentRE = prefilter.MustCompile(`^\s*(//+|#+|--|<!--|/\*+|'|;+|\*)\s*`)
var codeMarkRE = prefilter.MustCompile(`(?i)^(good|bad|correct|wrong|avoid|anti-pattern)\s*:\s*`)

// code reads ✅ Good / ❌ Bad sections of a fenced code block as
// anti-pattern pairs. A ```markdown block is an example document, not code.
func (p *parser) code(n *ast.FencedCodeBlock) {
	lang := strings.ToLower(string(n.Language(p.src)))
	if lang == "markdown" || lang == "md" {
		return
	}
	type part struct {
		bad  bool
		desc string
		line int
		code []string
	}
	var parts []*part
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		raw := strings.TrimRight(string(seg.Value(p.src)), "\r\n")
		if m := commentRE.FindString(raw); m != "" {
			body := strings.TrimSuffix(strings.TrimSpace(raw[len(m):]), "-->")
			bad, good, rest := marker(body)
			word := codeMarkRE.FindStringSubmatch(rest)
			if !bad && !good {
				if word == nil {
					if len(parts) > 0 {
						parts[len(parts)-1].code = append(parts[len(parts)-1].code, raw)
					}
					continue
				}
				w := strings.ToLower(word[1])
				bad = w != "good" && w != "correct"
			}
			desc := strings.TrimSpace(codeMarkRE.ReplaceAllString(rest, ""))
			parts = append(parts, &part{bad: bad, desc: desc, line: p.line(seg.Start)})
			continue
		}
		if len(parts) > 0 {
			parts[len(parts)-1].code = append(parts[len(parts)-1].code, raw)
		}
	}
	if len(parts) == 0 {
		return
	}
	section := p.inner()
	open := -1
	for _, pt := range parts {
		code := strings.TrimRight(strings.Join(pt.code, "\n"), "\n \t")
		if open >= 0 {
			a := &p.g.AntiPatterns[open]
			switch {
			case pt.bad && a.Bad == "" && a.Good != "":
				a.Bad, a.Line = code, pt.line
				a.Title = apTitle(section, pt.desc, a.Title)
				open = -1
				continue
			case !pt.bad && a.Good == "" && a.Bad != "":
				a.Good, a.GoodLine = code, pt.line
				open = -1
				continue
			}
		}
		a := AntiPattern{Title: apTitle(section, pt.desc, ""), Source: p.name}
		if pt.bad {
			a.Bad, a.Line = code, pt.line
		} else {
			a.Good, a.GoodLine, a.Line = code, pt.line, pt.line
			a.Title = section
		}
		p.g.AntiPatterns = append(p.g.AntiPatterns, a)
		open = len(p.g.AntiPatterns) - 1
	}
}

func apTitle(section, desc, old string) string {
	if desc == "" {
		if old != "" {
			return old
		}
		return section
	}
	if section == "" {
		return desc
	}
	return section + ": " + desc
}

// finish closes the document: NEVER terms become anti-patterns too, items
// get their IDs, and a document with nothing recognisable gets a warning.
func (p *parser) finish() {
	g := p.g
	for _, t := range g.Terms {
		if !t.Always {
			g.AntiPatterns = append(g.AntiPatterns, AntiPattern{Title: t.Term, Bad: t.Example, Good: t.Correct, Source: t.Source, Line: t.Line})
		}
	}
	sort.SliceStable(g.AntiPatterns, func(i, j int) bool { return g.AntiPatterns[i].Line < g.AntiPatterns[j].Line })
	assignIDs(g)
	if len(g.Flows)+len(g.Terms)+len(g.AntiPatterns)+len(g.Focus)+len(g.DocFocus)+len(g.Checklist) == 0 {
		g.Warnings = append(g.Warnings, Warning{Source: p.name, Line: p.bodyLine,
			Message: "no recognisable guidance section (flow definitions, terminology rules, reviewer focus lists, pre-PR checklist): only its applies_to scope is used"})
	}
	fillEmptyLists(g)
}

// fillEmptyLists makes the nil lists of g empty ones, so JSON shows [].
func fillEmptyLists(g *Guidance) {
	if g.Sources == nil {
		g.Sources = []string{}
	}
	if g.Tags == nil {
		g.Tags = []string{}
	}
	if g.Globs == nil {
		g.Globs = []string{}
	}
	if g.Labels == nil {
		g.Labels = []string{}
	}
	if g.Flows == nil {
		g.Flows = []FlowDef{}
	}
	if g.Terms == nil {
		g.Terms = []Term{}
	}
	if g.AntiPatterns == nil {
		g.AntiPatterns = []AntiPattern{}
	}
	if g.Focus == nil {
		g.Focus = map[string][]Group{}
	}
	if g.DocFocus == nil {
		g.DocFocus = []Group{}
	}
	if g.Checklist == nil {
		g.Checklist = []Group{}
	}
	if g.Warnings == nil {
		g.Warnings = []Warning{}
	}
}

// assignIDs gives every item a stable short slug of its group and text,
// unique within the guidance.
func assignIDs(g *Guidance) {
	seen := map[string]int{}
	do := func(gs []Group) {
		for i := range gs {
			for j := range gs[i].Items {
				it := &gs[i].Items[j]
				id := ItemID(gs[i].Title, it.Text)
				seen[id]++
				if n := seen[id]; n > 1 {
					id = fmt.Sprintf("%s-%d", id, n)
				}
				it.ID = id
			}
		}
	}
	do(g.Checklist)
	for _, k := range focusKeys(g.Focus) {
		do(g.Focus[k])
	}
	do(g.DocFocus)
}

// focusKeys lists the focus keys in a fixed order: all, vanilla, fic, then
// any other sorted.
func focusKeys(m map[string][]Group) []string {
	var ks []string
	for _, k := range []string{"all", "vanilla", "fic"} {
		if _, ok := m[k]; ok {
			ks = append(ks, k)
		}
	}
	var rest []string
	for k := range m {
		if k != "all" && k != "vanilla" && k != "fic" {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(ks, rest...)
}

// ItemID is the stable short slug of an item of group with text:
// "code-validation/code-compiles-and-runs-without-errors". Long texts are
// cut at a word and get a short hash of the whole text.
func ItemID(group, text string) string {
	s, _ := slug(group, 24)
	t, cut := slug(text, 48)
	if cut {
		h := fnv.New32a()
		h.Write([]byte(strings.ToLower(text)))
		t = fmt.Sprintf("%s-%04x", t, h.Sum32()&0xffff)
	}
	if s == "" {
		return t
	}
	return s + "/" + t
}

func slug(s string, max int) (string, bool) {
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			words = append(words, b.String())
			b.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			flush()
		}
	}
	flush()
	out := ""
	for i, w := range words {
		next := out
		if next != "" {
			next += "-"
		}
		next += w
		if len(next) > max {
			if out == "" {
				return w[:max], true
			}
			return out, i < len(words)
		}
		out = next
	}
	return out, false
}

// inline renders a node's inline content as plain text: emphasis dropped,
// code spans kept in backticks, links as their text.
func inline(n ast.Node, src []byte, breaks bool) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		renderInline(&b, c, src, breaks)
	}
	return b.String()
}

func renderInline(b *strings.Builder, n ast.Node, src []byte, breaks bool) {
	switch n := n.(type) {
	case *ast.Text:
		b.Write(n.Segment.Value(src))
		switch {
		case n.HardLineBreak() && breaks:
			b.WriteByte('\n')
		case n.SoftLineBreak() || n.HardLineBreak():
			b.WriteByte(' ')
		}
		return
	case *ast.String:
		b.Write(n.Value)
		return
	case *ast.CodeSpan:
		b.WriteByte('`')
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok {
				b.Write(t.Segment.Value(src))
			} else if s, ok := c.(*ast.String); ok {
				b.Write(s.Value)
			}
		}
		b.WriteByte('`')
		return
	case *ast.AutoLink:
		b.Write(n.URL(src))
		return
	case *ast.RawHTML:
		for i := 0; i < n.Segments.Len(); i++ {
			s := n.Segments.At(i)
			b.Write(s.Value(src))
		}
		return
	case *east.TaskCheckBox:
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		renderInline(b, c, src, breaks)
	}
}

// isTaskList says whether a list has a "- [ ]" item.
func isTaskList(n *ast.List) bool {
	for li := n.FirstChild(); li != nil; li = li.NextSibling() {
		if b := li.FirstChild(); b != nil {
			if _, ok := b.FirstChild().(*east.TaskCheckBox); ok {
				return true
			}
		}
	}
	return false
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// cells renders the cells of a table row.
func (p *parser) cells(r ast.Node) []string {
	var cells []string
	for c := r.FirstChild(); c != nil; c = c.NextSibling() {
		cells = append(cells, strings.TrimSpace(inline(c, p.src, false)))
	}
	return cells
}

// neverTable reads a NEVER list written as a table: a column of what not to
// say (the term and its example) and a column of what to say instead.
func (p *parser) neverTable(n *east.Table) {
	bad, good, meaning := 0, 1, -1
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		cells := p.cells(r)
		if _, isHead := r.(*east.TableHeader); isHead {
			for i, h := range cells {
				h = strings.ToLower(h)
				switch {
				case has(h, "never", "don't", "do not", "avoid", "bad", "wrong", "anti"):
					bad = i
				case has(h, "instead", "correct", "good", "prefer", "say", "use"):
					good = i
				case has(h, "why", "reason", "meaning"):
					meaning = i
				}
			}
			continue
		}
		cell := func(i int) string {
			if i >= 0 && i < len(cells) {
				_, _, v := marker(cells[i])
				return codeValue(v)
			}
			return ""
		}
		if cell(bad) == "" {
			continue
		}
		p.g.Terms = append(p.g.Terms, Term{Term: cell(bad), Example: cell(bad), Correct: cell(good),
			Meaning: cell(meaning), Source: p.name, Line: p.line(offset(r))})
	}
}
