package report

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	ghtml "github.com/yuin/goldmark/renderer/html"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

const marker = "<!-- reviewbot:summary -->"

// unsafeMD renders raw HTML through, so the checks below see every tag the
// summary could make GitHub render.
var unsafeMD = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList),
	goldmark.WithRendererOptions(ghtml.WithUnsafe()),
)

var (
	tagRE      = regexp.MustCompile(`<[^>]*>`)
	codeRE     = regexp.MustCompile(`(?s)<code>.*?</code>`)
	allowedTag = regexp.MustCompile(`^(</?(p|ul|li|strong|em|code|h3|h4|blockquote|details|summary)>` +
		`|<input (checked="" )?disabled="" type="checkbox"\s*/?>` +
		`|<a id="rb-finding-\d+">|</a>` +
		`|<a href="(#rb-finding-\d+|https://github\.com/reviewbot/reviewbot/blob/main/docs/rules\.md#[a-z0-9-]+|https://github\.com/o/r/pull/7#discussion_r\d+` +
		`|https://github\.com/[\w.-]+/[\w.-]+/(blob/[0-9a-f]{40}/[\w.%/@+~$&;,:=!*-]*(#L\d+)?|pull/\d+/files#diff-[0-9a-f]{64}(R\d+)?))">` +
		`|<!-- reviewbot:summary -->)$`)
)

// checkSafe renders a summary and fails on any tag, link or mention that
// is not the report's own.
func checkSafe(t testing.TB, out string) {
	t.Helper()
	var b bytes.Buffer
	if err := unsafeMD.Convert([]byte(out), &b); err != nil {
		t.Fatalf("render summary: %v", err)
	}
	h := b.String()
	for _, tag := range tagRE.FindAllString(h, -1) {
		if !allowedTag.MatchString(tag) {
			t.Fatalf("summary renders foreign tag %q\n--- summary ---\n%s\n--- html ---\n%s", tag, out, h)
		}
	}
	text := html.UnescapeString(tagRE.ReplaceAllString(codeRE.ReplaceAllString(h, ""), " "))
	if m := mention.FindString(text); m != "" {
		t.Fatalf("summary renders a mention %q outside code\n%s", m, out)
	}
	if n := strings.Count(out, marker); n > 1 {
		t.Fatalf("summary holds the marker %d times\n%s", n, out)
	}
}

func TestMarkdownSafe(t *testing.T) {
	for _, c := range goldenCases() {
		checkSafe(t, Markdown(c.r, c.opts))
	}
}

// TestMarkdownClean checks an all-good change gets a short summary with
// passing items folded away.
func TestMarkdownClean(t *testing.T) {
	out := Markdown(cleanResult(), MarkdownOptions{})
	if len(out) > 2500 {
		t.Errorf("clean summary is %d bytes, want it short (<= 2500)", len(out))
	}
	if strings.Contains(out, "**fail**") || !strings.Contains(out, "no findings") {
		t.Errorf("clean summary reports failures:\n%s", out)
	}
	open := out[:strings.Index(out, "<details>")]
	if strings.Contains(open, "- [x]") {
		t.Errorf("passing items are not folded:\n%s", out)
	}
}

// TestMarkdownItems checks the items a person must act on are listed
// openly with their status, failed items link to their findings, passing
// focus items show their evidence, and the rest are counted: nothing is
// dropped without a trace.
func TestMarkdownItems(t *testing.T) {
	r := ficResult()
	r.Focus = append(r.Focus, func() review.ItemResult {
		it := item("For FIC Two-Leg Flow PRs", "fic-assertion", "Leg 2 uses `WithClientAssertion()`", checklist.KindCode, review.Pass, "the change shows it", checklist.TopicClientAssertion)
		it.Evidence = []review.ItemEvidence{{Path: "src/Mtls/FicLeg2.cs", Line: 30, Signal: "WithClientAssertion() in leg 2"}}
		return it
	}())
	out := Markdown(r, MarkdownOptions{Inline: map[int]string{0: "https://github.com/o/r/pull/7#discussion_r101"}})
	open := out[:strings.Index(out, "<details>")]
	counted := 0
	for _, it := range append(append([]review.ItemResult{}, r.Checklist...), r.Focus...) {
		line := ""
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, inline(it.Text)) {
				line = l
			}
		}
		switch {
		case it.Reviewer():
			prefix := map[review.Status]string{review.Fail: "- [ ] **fail** · ", review.Manual: "- [ ] ✋ "}[it.Status]
			if !strings.HasPrefix(line, prefix) || !strings.Contains(open, line) {
				t.Errorf("item %q: line %q, want it open with prefix %q", it.Text, line, prefix)
			}
		case it.Status == review.Pass && len(it.Evidence) > 0:
			if !strings.HasPrefix(line, "- [x] ") || !strings.Contains(line, "`Mtls/FicLeg2.cs:30`") {
				t.Errorf("passing focus item %q: line %q lacks its evidence", it.Text, line)
			}
		default:
			counted++
			if line != "" {
				t.Errorf("item %q (%s) is listed, want it counted: %q", it.Text, it.Status, line)
			}
		}
		for _, i := range it.Findings {
			want := fmt.Sprintf("(#rb-finding-%d)", i+1)
			if i == 0 {
				want = "(https://github.com/o/r/pull/7#discussion_r101)"
			}
			if !strings.Contains(line, want) {
				t.Errorf("failed item %q: line %q lacks link %s", it.Text, line, want)
			}
		}
	}
	if !strings.Contains(out, "<details><summary>2 passed, 1 of them with evidence from the focus list</summary>") ||
		!strings.Contains(out, "1 more item of the checklist and focus list passed") ||
		!strings.Contains(out, "<details><summary>1 not applicable or nothing to check</summary>") {
		t.Errorf("passed and not-applicable items not counted (%d):\n%s", counted, out)
	}
	for i := range r.Findings {
		if !strings.Contains(out, fmt.Sprintf(`<a id="rb-finding-%d"></a>`, i+1)) {
			t.Errorf("finding %d has no anchor", i+1)
		}
	}
	if !strings.Contains(out, "**FIC two-leg (managed identity) · 2 errors, 2 warnings, 1 notice in 3 files · 6 items need a reviewer**") {
		t.Errorf("verdict:\n%s", out[:300])
	}
}

func TestMarkdownInline(t *testing.T) {
	r := ficResult()
	long := r.Findings[1].Message
	out := Markdown(r, MarkdownOptions{Inline: map[int]string{
		0: "javascript:alert(1)",
		1: "https://github.com/o/r/pull/7#discussion_r5",
		2: "https://evil.example/a)(b",
	}})
	if strings.Contains(out, "](javascript") {
		t.Errorf("javascript: URL became a link:\n%s", out)
	}
	if !strings.Contains(out, "posted inline: javascript:alert(1)") {
		t.Errorf("non-http inline target not shown as text:\n%s", out)
	}
	if !strings.Contains(out, "](https://github.com/o/r/pull/7#discussion_r5) 💬") {
		t.Errorf("inline link missing:\n%s", out)
	}
	if strings.Contains(out, "](https://evil") || !strings.Contains(out, "posted inline: https://evil.example/a)(b)") {
		t.Errorf("URL with parentheses used as a link target:\n%s", out)
	}
	// An inline finding is shown short: no excerpt line.
	if strings.Contains(out, Quote(r.Findings[1].Excerpt)) {
		t.Errorf("inline-posted finding shown in full")
	}
	if !strings.Contains(out, inline(firstClause(long))) || strings.Contains(out, inline(long)) {
		t.Errorf("inline-posted finding does not say what is wrong, and only that:\n%s", out)
	}
}

// TestMarkdownHostile puts hostile text in every quoted field.
func TestMarkdownHostile(t *testing.T) {
	for _, h := range hostile {
		r := ficResult()
		r.Files[0].Path = h
		r.Files[0].Reason = h
		r.Files[1].OldPath = h
		r.Files[5].Reason = h
		r.Findings[1].Path = h
		r.Findings[1].Message = h
		r.Findings[1].Excerpt = h
		r.Findings[2].Rule = h
		r.Evidence[0].Signal = h
		r.Evidence[1].Path = h
		r.Checklist[0].Text = h
		r.Checklist[0].Group = h
		r.Checklist[1].Why = h
		r.Warnings = append(r.Warnings, h)
		r.Variants = append(r.Variants, flow.Variant("x"+h))
		out := Markdown(r, MarkdownOptions{Marker: marker, Notes: []string{h}, Inline: map[int]string{3: h}})
		checkSafe(t, out)
		if !strings.HasSuffix(out, "\n"+marker) {
			t.Errorf("marker not last for %q", h)
		}
		c := Comment(r.Findings[1])
		checkSafe(t, c)
	}
}

// TestMarkdownLimit checks the 65,536 limit on a huge result and on many
// smaller limits: never over the limit, always valid UTF-8, cut only
// between whole lines of the full summary, <details> balanced, the marker
// last and a visible note.
func TestMarkdownLimit(t *testing.T) {
	huge := bigResult(3000)
	huge.Findings[7].Message = strings.Repeat("日本`x`<b>@u ", 100000) // one 1.4 MB message
	huge.Findings[8].Path = strings.Repeat("dir/", 50000)
	out := Markdown(huge, MarkdownOptions{Marker: marker})
	if len(out) > MaxBody {
		t.Fatalf("summary is %d bytes, over %d", len(out), MaxBody)
	}
	if !strings.Contains(out, "not shown") || !strings.HasSuffix(out, "\n"+marker) {
		t.Errorf("cut summary lacks the note or the marker:\n%s", out[len(out)-600:])
	}
	shown := strings.Count(out, `<a id="rb-finding-`)
	if !strings.Contains(out, fmt.Sprintf("%d more findings not shown", 3000-shown)) {
		t.Errorf("note does not count the %d omitted findings", 3000-shown)
	}
	if !strings.Contains(out, "#### Needs a reviewer") {
		t.Errorf("the items that need a reviewer were dropped to make room for findings")
	}
	checkSafe(t, out)

	r := bigResult(40)
	full := Markdown(r, MarkdownOptions{MaxLen: 1 << 30, Marker: marker})
	fullLines := map[string]bool{}
	for _, l := range strings.Split(full, "\n") {
		fullLines[l] = true
	}
	for limit := 0; limit <= len(full)+100; limit += 97 {
		out := Markdown(r, MarkdownOptions{MaxLen: limit, Marker: marker})
		if limit > 0 && len(out) > limit || limit == 0 && out != full {
			t.Fatalf("limit %d: %d bytes", limit, len(out))
		}
		if !utf8.ValidString(out) {
			t.Fatalf("limit %d: invalid UTF-8", limit)
		}
		if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
			t.Fatalf("limit %d: unbalanced <details>:\n%s", limit, out)
		}
		if limit >= 400 && !strings.HasSuffix(out, marker) {
			t.Fatalf("limit %d: marker not last", limit)
		}
		for _, l := range strings.Split(out, "\n") {
			if !fullLines[l] && !strings.HasPrefix(l, "> ") && l != "" {
				t.Fatalf("limit %d: line %q is not a whole line of the full summary", limit, l)
			}
		}
		if out != full && limit >= 400 && !strings.Contains(out, "not shown") {
			t.Fatalf("limit %d: cut without a note:\n%s", limit, out)
		}
		if out != "" {
			checkSafe(t, out)
		}
	}
}

func TestComment(t *testing.T) {
	f := ficResult().Findings[1]
	got := Comment(f)
	want := "**Error** · [`assertion-without-binding`](" + RulesDocURL + "#assertion-without-binding)\n\n" + inline(f.Message) + "\n"
	if got != want {
		t.Errorf("Comment = %q, want %q", got, want)
	}
	bad := rules.Finding{Rule: "](javascript:x)", Severity: rules.Warning, Message: "<img src=x> @team " + strings.Repeat("y", 100000)}
	c := Comment(bad)
	checkSafe(t, c)
	if strings.Contains(c, "(javascript") && !strings.Contains(c, "`](javascript:x)`") {
		t.Errorf("bad rule ID became a link: %q", c)
	}
	if len(c) > 10000 {
		t.Errorf("comment is %d bytes for a 100 KB message, want it capped", len(c))
	}
	for s, want := range map[rules.Severity]string{rules.Warning: "**Warning**", rules.Notice: "**Notice**"} {
		if c := Comment(rules.Finding{Rule: "r", Severity: s}); !strings.HasPrefix(c, want) {
			t.Errorf("Comment severity %v = %q", s, c)
		}
	}
}

func FuzzMarkdown(f *testing.F) {
	for i, h := range hostile {
		f.Add(h, hostile[(i+1)%len(hostile)], uint32(0), uint8(i))
	}
	f.Add("a", "b", uint32(300), uint8(3))
	f.Fuzz(func(t *testing.T, a, b string, limit uint32, n uint8) {
		r := ficResult()
		r.Files[0].Path, r.Files[0].Reason = a, b
		r.Files[1].OldPath = b
		r.Files[5].Path, r.Files[5].Reason = b, a
		r.Findings[0].Message, r.Findings[0].Excerpt = a+"`"+b+"`", b
		r.Findings[2].Path, r.Findings[2].Rule = b, a
		r.Evidence[0].Signal = a
		r.Checklist[0].Text, r.Checklist[0].Why, r.Checklist[0].Group = b, a, a
		r.Warnings = []string{a, b}
		for i := 0; i < int(n); i++ {
			r.Findings = append(r.Findings, rules.Finding{Rule: "secret-logging", Severity: rules.Severity(i%3 + 1), Path: a, Line: i, Message: b, Excerpt: a})
		}
		r.Focus[2].Status, r.Focus[2].Evidence = review.Pass, []review.ItemEvidence{{Path: a, Line: int(n), Signal: b}, {Path: b, Line: 1}}
		r.Checklist[1].Evidence = []review.ItemEvidence{{Path: b, Line: 2}}
		lim := int(limit % (2 * MaxBody))
		opts := MarkdownOptions{MaxLen: lim, Marker: marker, Notes: []string{b}, Inline: map[int]string{1: a, 2: "https://github.com/o/r/pull/7#discussion_r9", 3: "see the comment"}}
		if n%2 == 1 {
			opts.RepoURL, opts.HeadSHA, opts.PR = "https://github.com/o/r", shapeHead, 7
		}
		out := Markdown(r, opts)
		whole := opts
		whole.MaxLen = 1 << 30
		if Markdown(r, whole) == out {
			checkStructure(t, out) // a summary cut to its limit ends in a note
		}
		if lim == 0 {
			lim = MaxBody
		}
		if len(out) > lim {
			t.Fatalf("summary is %d bytes, limit %d", len(out), lim)
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8")
		}
		if out != "" {
			checkSafe(t, out)
		}
		if lim >= 400 && !strings.HasSuffix(out, marker) {
			t.Fatalf("marker not last with limit %d", lim)
		}
	})
}

func TestMarkdownFlowAndSections(t *testing.T) {
	r := ficResult()
	r.Overridden, r.Flow, r.Detected = true, flow.Vanilla, flow.FIC
	out := Markdown(r, MarkdownOptions{})
	if !strings.HasPrefix(out, "### reviewbot: mTLS PoP review\n\n**vanilla (managed identity) (set by a label or --flow; the evidence says FIC two-leg) · ") {
		t.Errorf("override not explained:\n%s", out[:400])
	}
	var txt bytes.Buffer
	if err := Text(&txt, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(txt.String(), "flow: vanilla (confidential-client, managed-identity): set by the user; the evidence says fic\n") {
		t.Errorf("text does not explain the override:\n%s", txt.String())
	}
	// The sections come in the order issue 11 asks for: the verdict, the
	// findings by severity, what needs a person, then what is folded away.
	last := -1
	for _, h := range []string{"**vanilla", "#### Findings", "**Errors (2)**", "**Warnings (2)**", "**Notices (1)**", "#### Needs a reviewer", "passed", "not applicable", "<details><summary>Why vanilla", "#### Not reviewed"} {
		i := strings.Index(out, h)
		if i <= last {
			t.Errorf("section %q at %d, after %d", h, i, last)
		}
		last = i
	}
	for _, want := range []string{"`docs/mtls/diagram.png`: binary file", "1 file out of the guidance's scope", "`build/ci.yml`", "1 guidance warning"} {
		if !strings.Contains(out[last:], want) {
			t.Errorf("not-reviewed section lacks %q:\n%s", want, out[last:])
		}
	}
	if out := Markdown(nil, MarkdownOptions{}); !strings.Contains(out, "**No mTLS PoP flow · nothing in scope · nothing to check**") || !strings.Contains(out, "nothing was reviewed") {
		t.Errorf("nil result summary:\n%s", out)
	}
}

// BenchmarkMarkdownHuge renders the summary of 3,000 findings, cut to
// GitHub's limit.
func BenchmarkMarkdownHuge(b *testing.B) {
	r := bigResult(3000)
	b.ReportAllocs()
	for b.Loop() {
		if out := Markdown(r, MarkdownOptions{Marker: marker}); len(out) > MaxBody {
			b.Fatal("over the limit")
		}
	}
}

func TestCommentNamesTheOtherLinesOfAGroupedFinding(t *testing.T) {
	f := rules.Finding{Rule: "placeholder-value", Severity: rules.Warning, Path: "a.md", Line: 3, Lines: []int{3, 83, 115}, Message: "m"}
	if !strings.Contains(Comment(f), "also on lines 83, 115 of this file") {
		t.Errorf("comment does not name the other lines: %q", Comment(f))
	}
	f.Lines = []int{3}
	if strings.Contains(Comment(f), "also on") {
		t.Errorf("single-line comment names other lines: %q", Comment(f))
	}
}

// TestCommentSuggestion pins the suggestion block: a safe one-line
// suggestion is quoted verbatim in a ```suggestion fence after the
// message; one that could break out of the fence, carries a control
// character, a hidden-marker opener or a secret, or belongs to a
// multi-line finding is left out, and the comment stays safe.
func TestCommentSuggestion(t *testing.T) {
	base := rules.Finding{Rule: "token-type", Severity: rules.Error, Path: "a.cs", Line: 3, Message: "m"}
	line := `        Assert.AreEqual("mtls_pop", result.TokenType);`
	cases := []struct {
		name    string
		sugg    string
		endLine int
		want    bool
	}{
		{"plain", line, 0, true},
		{"mention and html stay code", `var s = "@team <b>x</b>";`, 0, true},
		{"none", "", 0, false},
		{"fence", "var s = \"```\";", 0, false},
		{"tilde fence", `var s = "~~~";`, 0, false},
		{"newline", "a\nb", 0, false},
		{"carriage return", "a\rb", 0, false},
		{"bidi", "var s = \"\u202e\";", 0, false},
		{"marker", `var s = "<!-- reviewbot";`, 0, false},
		{"secret", `var t = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";`, 0, false},
		{"multi-line finding", line, 5, false},
		{"too long", strings.Repeat("x", 1001), 0, false},
		{"invalid utf-8", "a\xffb", 0, false},
	}
	for _, c := range cases {
		f := base
		f.Suggestion = c.sugg
		f.EndLine = c.endLine
		got := Comment(f)
		block := "\n```suggestion\n" + c.sugg + "\n```\n"
		if has := strings.Contains(got, "```suggestion"); has != c.want {
			t.Errorf("%s: suggestion block present = %v, want %v:\n%s", c.name, has, c.want, got)
		}
		if c.want && !strings.HasSuffix(got, block) {
			t.Errorf("%s: comment does not end with the suggestion block %q:\n%s", c.name, block, got)
		}
		if c.want {
			// The block renders as one code block holding exactly the
			// line; the rest of the comment is as safe as any other.
			var h bytes.Buffer
			if err := unsafeMD.Convert([]byte(got), &h); err != nil {
				t.Fatalf("%s: render: %v", c.name, err)
			}
			m := suggestionHTML.FindAllStringSubmatch(h.String(), -1)
			if len(m) != 1 || html.UnescapeString(m[0][1]) != c.sugg+"\n" {
				t.Errorf("%s: rendered suggestion blocks %q, want one holding %q", c.name, m, c.sugg)
			}
			got = strings.Replace(got, block, "\n", 1)
		}
		checkSafe(t, got)
	}
}

var suggestionHTML = regexp.MustCompile(`(?s)<pre><code class="language-suggestion">(.*?)</code></pre>`)
