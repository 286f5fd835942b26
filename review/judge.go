package review

import (
	"sort"
	"strconv"
	"strings"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/rules"
)

// maxExcerpt bounds a finding's excerpt so a minified line cannot flood a
// review comment.
const maxExcerpt = 300

// Judgement is what the rules made of one file: their findings and the IDs
// of the rules that judged it (those whose Applies let them run).
type Judgement struct {
	Findings []rules.Finding
	Judged   []string
}

// Check runs rules rs on one file of a change and returns their findings
// in the one order findings have (sortFindings). source is the whole new
// file when known (nil otherwise), fl the change's flow and files every
// in-scope file. It is the driver the rules' own tests, fixtures and fuzz
// targets use; Run calls the same code for every in-scope file.
//
// Only findings on lines the change added are kept (a finding with an end
// line needs its start line added). Check fills a finding's Rule, Severity
// and Path when the rule left them empty, the excerpt from the line when
// there is none, redacts message and excerpt, and drops a suggestion that
// is not safe to offer (rules.SafeSuggestion) or spans more than one line.
// Rules must not panic; the fuzz tests hold them to it.
func Check(rs []*rules.Rule, f *diff.File, source []byte, fl flow.Flow, files []*diff.File) []rules.Finding {
	return Judge(rs, f, source, fl, files).Findings
}

// Judge is Check that also says which rules judged the file, so that a
// checklist item passes only on the silence of a rule that looked.
func Judge(rs []*rules.Rule, f *diff.File, source []byte, fl flow.Flow, files []*diff.File) Judgement {
	return judgeNew(rs, f, source, fl, files, nil)
}

// judgeNew is Judge for a change some of whose added lines are not new
// content (moved or renamed, as notNew says): the rules see those lines
// as the diff has them, so a document moved and rewritten is still a
// rewrite, but no finding is kept on them, except a finding about the
// whole file. A nil notNew means every added line is new.
func judgeNew(rs []*rules.Rule, f *diff.File, source []byte, fl flow.Flow, files []*diff.File, notNew func(line int) bool) Judgement {
	if f == nil || f.Binary {
		return Judgement{}
	}
	var out []rules.Finding
	var judged []string
	seen := map[string]bool{}
	p := &rules.Pass{File: f, Source: source, Flow: fl, Files: files, Known: registered}
	v := rules.NewView(p)
	// A rule reports the same message on many lines, and rules report on
	// the same line: redact each message and excerpt once.
	redacted := map[string]string{}
	redact := func(s string) string {
		r, ok := redacted[s]
		if !ok {
			r = rules.Redact(s)
			redacted[s] = r
		}
		return r
	}
	for _, r := range rs {
		if r == nil || r.Check == nil {
			continue
		}
		if r.Applies != nil && !r.Applies(p) {
			continue
		}
		judged = append(judged, r.ID)
		if !v.MayHold(r.Triggers) {
			// None of the rule's trigger literals is in the file: it has
			// nothing to report here, and judged it so.
			continue
		}
		p.Report = func(fd rules.Finding) {
			if !v.Added(fd.Line) || notNew != nil && !fd.File && notNew(fd.Line) {
				return
			}
			if fd.EndLine != 0 && fd.EndLine <= fd.Line {
				fd.EndLine = 0
			}
			if fd.Rule == "" {
				fd.Rule = r.ID
			}
			if fd.Severity == 0 {
				fd.Severity = r.Severity
			}
			if fd.Path == "" {
				fd.Path = f.Path()
			}
			if fd.Excerpt == "" {
				fd.Excerpt = strings.TrimSpace(v.Text(fd.Line))
			}
			if len(fd.Excerpt) > maxExcerpt {
				fd.Excerpt = cutUTF8(fd.Excerpt, maxExcerpt) + "…"
			}
			fd.Excerpt = redact(fd.Excerpt)
			fd.Message = redact(fd.Message)
			if fd.Suggestion != "" && (fd.EndLine != 0 || !rules.SafeSuggestion(v, fd.Line, fd.Suggestion)) {
				// A suggestion replaces the lines a comment spans: only a
				// one-line finding may carry one, and only a safe one.
				fd.Suggestion = ""
			}
			key := fd.Rule + "\x00" + fd.Path + "\x00" + strconv.Itoa(fd.Line) + "\x00" + fd.Message
			if seen[key] {
				return
			}
			seen[key] = true
			out = append(out, fd)
		}
		r.Check(p)
	}
	p.Report = func(rules.Finding) {}
	sortFindings(out)
	return Judgement{Findings: out, Judged: judged}
}

// sortFindings puts findings in their one order: by path, line, rule and
// column.
func sortFindings(fs []rules.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Column < b.Column
	})
}

func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && n < len(s) && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// registered reports whether id names a rule of rules.All.
func registered(id string) bool { return rules.ByID(id) != nil }
