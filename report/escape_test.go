package report

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// md is a CommonMark + GFM (tables, strikethrough, task lists) renderer, the
// closest stand-in for GitHub's Markdown this repository has. Linkify is
// left out: GitHub autolinks bare URLs, which is harmless and not what
// these tests are about.
var md = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))

// toHTML renders Markdown source.
func toHTML(t testing.TB, src string) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatalf("render %q: %v", src, err)
	}
	return b.String()
}

// mention finds what GitHub would read as an @mention.
var mention = regexp.MustCompile(`(^|[^A-Za-z0-9_])@[A-Za-z0-9]`)

// issueRef finds what GitHub would read as an issue reference.
var issueRef = regexp.MustCompile(`#[0-9]`)

func TestEscapeTable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"", ""},
		{"<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"},
		{"@org/team please", "@\u200dorg/team please"},
		{"mail a@b.c", "mail a@\u200db.c"},
		{"@ alone", "@ alone"},
		{"[click](javascript:alert(1))", `\[click\](javascript:alert(1))`},
		{"](javascript:alert(1))", `\](javascript:alert(1))`},
		{"`code` and ``more``", "\\`code\\` and \\`\\`more\\`\\`"},
		{"*bold* _it_ ~~x~~ $x$", `\*bold\* \_it\_ \~\~x\~\~ \$x\$`},
		{"a | b", `a \| b`},
		{"# heading", `\# heading`},
		{"fixes #12", "fixes \\#\u200d12"},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"= setext", `\= setext`},
		{"12. ordered", `12\. ordered`},
		{"3) ordered", `3\) ordered`},
		{"    indented", "&#32;&#32;&#32;&#32;indented"},
		{"trailing  ", "trailing&#32;&#32;"},
		{"line1\nline2\r\nline3\rline4", "line1 line2 line3 line4"},
		{"tab\there", "tab here"},
		{"<!-- reviewbot:summary -->", "&lt;!-- reviewbot:summary --&gt;"},
		{"&lt; stays text", "&amp;lt; stays text"},
		{`back\slash`, `back\\slash`},
		{"bidi \u202eevil\u202c", "bidi \uFFFDevil\uFFFD"},
		{"esc \x1b[31m", "esc \uFFFD\\[31m"},
		{"bad \xff utf8", "bad \uFFFD utf8"},
		{"é 日本 ✅", "é 日本 ✅"},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestQuoteTable(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"x", "`x`"},
		{"", "` `"},
		{"a`b", "``a`b``"},
		{"a``b`", "``` a``b` ```"},
		{"`start", "`` `start ``"},
		{" both ", "`  both  `"},
		{"   ", "`   `"},
		{"<img src=x onerror=alert(1)>", "`<img src=x onerror=alert(1)>`"},
		{"@org/team", "`@org/team`"},
		{"<!-- reviewbot:summary -->", "`<\u200b!-- reviewbot:summary -->`"},
		{"multi\nline", "`multi line`"},
		{"```suggestion", "```` ```suggestion ````"},
	} {
		if got := Quote(c.in); got != c.want {
			t.Errorf("Quote(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestInline(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"use `TokenBindingCertificate` here", "use `TokenBindingCertificate` here"},
		{"bare ` tick", "bare \\` tick"},
		{"``a`b`` then *x*", "``a`b`` then \\*x\\*"},
		{"`<img>` and <img>", "`<img>` and &lt;img&gt;"},
		{"` padded `", "`padded`"},
		{"@here `@here`", "@\u200dhere `@here`"},
	} {
		if got := inline(c.in); got != c.want {
			t.Errorf("inline(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// hostile are inputs meant to break out of a quote.
var hostile = []string{
	"<img src=x onerror=alert(1)>",
	"<script>alert(1)</script>",
	"@org/team @user please look",
	"[x](javascript:alert(1))",
	"](javascript:alert(1))",
	"![img](https://evil.example/x.png)",
	"`` ` ``` code ```` ",
	"<!-- reviewbot:summary -->",
	"<!-- reviewbot",
	"# Heading\n\n- list\n> quote\n```\nfence\n```",
	"| a | b |\n|---|---|\n| c | d |",
	"<details><summary>x</summary>",
	"&lt;img&gt; &#64;user",
	"\\`not code\\`",
	"1. one",
	"    four spaces",
	"trailing two  \nbreak",
	"*a* _b_ **c** ~~d~~ $e$",
	"\u202eevil\u202c \u2066x\u2069",
	"\x00\x01\x1b[2J\x7f",
	"\xff\xfe invalid",
	"a@b.com and @-dash and @_under",
	"closes #1, GH-2, o/r#3",
}

// checkEscaped asserts Escape(s) renders as one paragraph of plain text
// holding exactly s (after clean), with no tag, mention or reference.
func checkEscaped(t *testing.T, s string) {
	t.Helper()
	out := Escape(s)
	if strings.ContainsAny(out, "\n\r") {
		t.Fatalf("Escape(%q) has a line break: %q", s, out)
	}
	want := clean(s)
	got := toHTML(t, out)
	if want == "" {
		if got != "" {
			t.Fatalf("Escape(%q) renders %q, want nothing", s, got)
		}
		return
	}
	inner, ok := strings.CutPrefix(got, "<p>")
	inner, ok2 := strings.CutSuffix(inner, "</p>\n")
	if !ok || !ok2 || strings.Contains(inner, "<") {
		t.Fatalf("Escape(%q) = %q renders %q: want one paragraph of text only", s, out, got)
	}
	text := html.UnescapeString(inner)
	if strings.ReplaceAll(text, zwj, "") != strings.ReplaceAll(want, zwj, "") {
		t.Fatalf("Escape(%q) = %q renders text %q, want %q", s, out, text, want)
	}
	if mention.MatchString(text) || issueRef.MatchString(text) {
		t.Fatalf("Escape(%q) renders a mention or reference: %q", s, text)
	}
}

// checkQuoted asserts Quote(s) renders as exactly one code span holding s.
func checkQuoted(t *testing.T, s string) {
	t.Helper()
	out := Quote(s)
	if strings.ContainsAny(out, "\n\r") {
		t.Fatalf("Quote(%q) has a line break: %q", s, out)
	}
	if strings.Contains(out, "<!--") {
		t.Fatalf("Quote(%q) = %q holds a raw HTML comment opener", s, out)
	}
	got := toHTML(t, out)
	inner, ok := strings.CutPrefix(got, "<p><code>")
	inner, ok2 := strings.CutSuffix(inner, "</code></p>\n")
	if !ok || !ok2 || strings.Contains(inner, "<") {
		t.Fatalf("Quote(%q) = %q renders %q: want exactly one code span", s, out, got)
	}
	want := clean(s)
	if want == "" {
		want = " "
	}
	if text := html.UnescapeString(inner); strings.ReplaceAll(text, zwsp, "") != strings.ReplaceAll(want, zwsp, "") {
		t.Fatalf("Quote(%q) = %q renders code %q, want %q", s, out, text, want)
	}
}

func TestHostileQuotes(t *testing.T) {
	for _, s := range hostile {
		checkEscaped(t, s)
		checkQuoted(t, s)
		out := inline(s)
		html := toHTML(t, out)
		bare := strings.NewReplacer("<p>", "", "</p>", "", "<code>", "", "</code>", "").Replace(html)
		if strings.Contains(bare, "<") {
			t.Errorf("inline(%q) = %q renders tags: %q", s, out, html)
		}
	}
}

// codeSpan is a rendered code span.
var codeSpan = regexp.MustCompile(`(?s)<code>.*?</code>`)

func FuzzQuote(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkEscaped(t, s)
		checkQuoted(t, s)
		for _, out := range []string{Escape(s), Quote(s), inline(s)} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 from %q: %q", s, out)
			}
		}
		// inline: code spans and text only, no mention outside code. A
		// code span becomes a space, not nothing: "@" + span + "t" is no
		// mention on GitHub, and joining the text around it would make one
		// (the false mention the fuzzer found, testdata/fuzz/FuzzQuote).
		out := inline(s)
		h := toHTML(t, out)
		noCode := codeSpan.ReplaceAllString(h, " ")
		bare := strings.NewReplacer("<p>", "", "</p>", "").Replace(noCode)
		if strings.Contains(bare, "<") {
			t.Fatalf("inline(%q) = %q renders tags: %q", s, out, h)
		}
		if mention.MatchString(html.UnescapeString(bare)) {
			t.Fatalf("inline(%q) = %q renders a mention: %q", s, out, h)
		}
	})
}

func TestShorten(t *testing.T) {
	for _, c := range []struct {
		in     string
		n      int
		middle bool
		want   string
	}{
		{"short", 10, false, "short"},
		{"abcdefghij", 7, false, "abcd…"},
		{"abcdefghij", 7, true, "ab…ij"},
		{"日本語日本語", 8, false, "日…"},
		{"日本語日本語", 9, true, "日…語"},
		{"abc", 2, false, "…"},
	} {
		got := shorten(c.in, c.n, c.middle)
		if got != c.want || len(got) > max(c.n, len("…")) || !utf8.ValidString(got) {
			t.Errorf("shorten(%q, %d, %v) = %q, want %q", c.in, c.n, c.middle, got, c.want)
		}
	}
}

// logCommand reports whether the runner would read a workflow command in
// one log line: the legacy "##[" anywhere, or "::" at its start.
func logCommand(line string) bool {
	return strings.Contains(line, "##[") || strings.HasPrefix(strings.TrimLeft(line, " \t"), "::")
}

func checkLogSafe(t *testing.T, s string) {
	t.Helper()
	out := LogSafe(s)
	if !utf8.ValidString(out) || strings.ContainsAny(out, "\n\r\x1b\u009b") {
		t.Fatalf("LogSafe(%q) = %q: not one clean line", s, out)
	}
	if logCommand(out) {
		t.Fatalf("LogSafe(%q) = %q: the runner reads a workflow command", s, out)
	}
	// As the tail of a line too: "##[" is read anywhere.
	if logCommand("reviewbot: " + out) {
		t.Fatalf("LogSafe(%q) = %q: a command after a prefix", s, out)
	}
}

func TestLogSafe(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain src/a.cs:3", "plain src/a.cs:3"},
		{"x ##[set-output name=flow]vanilla", "x ##\u2060[set-output name=flow]vanilla"},
		{"###[add-mask]x", "###\u2060[add-mask]x"},
		{"::stop-commands::tok", ":\u2060:stop-commands::tok"},
		{"  ::add-mask::x", "  :\u2060:add-mask::x"},
		{"a\n::set-output name=x::y", "a ::set-output name=x::y"},
		{"\x1b[31mred\x1b[0m", "\ufffd[31mred\ufffd[0m"},
		{"\u009b31m", "\ufffd31m"},
	}
	for _, c := range cases {
		if got := LogSafe(c.in); got != c.want {
			t.Errorf("LogSafe(%q) = %q, want %q", c.in, got, c.want)
		}
		checkLogSafe(t, c.in)
	}
	for _, s := range hostile {
		checkLogSafe(t, s)
	}
}

func FuzzLogSafe(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	f.Add("##[stop-commands]tok ::warning::x")
	f.Add("#\n#[x")
	f.Fuzz(func(t *testing.T, s string) {
		checkLogSafe(t, s)
	})
}
