package source

import (
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

// lineOf returns the number of the first line containing s.
func lineOf(t *testing.T, v *View, s string) int {
	t.Helper()
	for n := 1; n <= v.Len(); n++ {
		if strings.Contains(v.Text(n), s) {
			return n
		}
	}
	t.Fatalf("no line contains %q", s)
	return 0
}

const mdDoc = `---
title: x
---
# Guide

Intro prose mentions PoP.

` + "```csharp" + `
// ✅ Good: real region
.WithAzureRegion("westus3")

// ❌ Bad: placeholder region
.WithAzureRegion("your-region")
// still in the bad part
` + "```" + `

❌ **Problem**: "The vanilla flow's first leg acquires..."
Example: "the vanilla flow's first leg"
✅ **Solution**: Vanilla has no legs.
- "The vanilla flow directly acquires a token"

Bad example:
` + "```cs" + `
Console.WriteLine(result.AccessToken);
` + "```" + `

### NEVER Use These Anti-Patterns
Configure PoP.

` + "```" + `
Console.WriteLine(token); // ✅ fine here?
` + "```" + `

## Next section
Plain text after.
` + "```json" + `
{"a": 1}
` + "```" + `
`

func TestViewMarkdownStructure(t *testing.T) {
	v := viewOf("docs/guide.md", mdDoc)
	if !v.IsMarkdown() || v.IsCode() {
		t.Fatalf("IsMarkdown=%v IsCode=%v for a .md path", v.IsMarkdown(), v.IsCode())
	}
	if got := len(v.Blocks()); got != 4 {
		t.Fatalf("blocks = %d, want 4: %+v", got, v.Blocks())
	}
	b := v.Blocks()[0]
	if b.Lang != "csharp" || !b.CSharp() || b.Open != lineOf(t, v, "```csharp") {
		t.Errorf("first block = %+v", b)
	}
	if v.Blocks()[3].CSharp() {
		t.Error("a json block reads as C#")
	}
	if v.Prose(1) || v.Prose(2) {
		t.Error("front matter reads as prose")
	}
	intro := lineOf(t, v, "Intro prose")
	if !v.Prose(intro) || v.IsCodeLine(intro) {
		t.Error("intro line is not prose")
	}
	region := lineOf(t, v, `"westus3"`)
	if v.Prose(region) || !v.IsCodeLine(region) {
		t.Error("code line reads as prose")
	}
	if bl, ok := v.BlockAt(region); !ok || bl.Open != b.Open {
		t.Errorf("BlockAt(%d) = %+v, %v", region, bl, ok)
	}
	if json := lineOf(t, v, `{"a": 1}`); v.IsCodeLine(json) || v.Prose(json) {
		t.Error("json block line counts as C# code or prose")
	}
	var texts []string
	for _, c := range v.Comments() {
		texts = append(texts, c.Text)
	}
	if len(texts) < 3 || texts[0] != "✅ Good: real region" {
		t.Errorf("comments = %q", texts)
	}
}

func TestViewBadExample(t *testing.T) {
	v := viewOf("docs/guide.md", mdDoc)
	cases := []struct {
		line string
		bad  bool
	}{
		{`.WithAzureRegion("westus3")`, false},
		{`.WithAzureRegion("your-region")`, true},
		{`// still in the bad part`, true},
		{`❌ **Problem**`, true},
		{`Example: "the vanilla flow's first leg"`, true},
		{`✅ **Solution**`, false},
		{`- "The vanilla flow directly`, false},
		{`Console.WriteLine(result.AccessToken);`, true},
		{`Configure PoP.`, true},
		{`Console.WriteLine(token); // ✅`, false},
		{`Plain text after.`, false},
		{`Intro prose mentions PoP.`, false},
	}
	for _, c := range cases {
		n := lineOf(t, v, c.line)
		if got := v.BadExample(n); got != c.bad {
			t.Errorf("BadExample(%d %q) = %v, want %v", n, c.line, got, c.bad)
		}
	}
}

const csFile = `using System;
/* block
   comment */
class A {
    // ❌ Bad: logs the token
    void Bad() => Console.WriteLine(r.AccessToken);
    void Fine() => Console.WriteLine(r.ExpiresOn); // expiry only
    string s = "// not a comment";
    string v = @"multi
// still a string";
    /// <summary>Doc comment.</summary>
    void Same() => Console.WriteLine(r.AccessToken); // NEVER do this
}
`

func TestViewCSharp(t *testing.T) {
	v := viewOf("src/A.cs", csFile)
	if !v.IsCode() || v.IsMarkdown() {
		t.Fatal("a .cs path is not code")
	}
	if n := lineOf(t, v, `"// not a comment"`); !strings.Contains(v.Code(n), "// not a comment") {
		t.Errorf("string literal blanked: %q", v.Code(n))
	}
	if n := lineOf(t, v, `// still a string`); !strings.Contains(v.Code(n), "still a string") {
		t.Errorf("verbatim string continuation read as comment: %q", v.Code(n))
	}
	if n := lineOf(t, v, "expiry only"); strings.Contains(v.Code(n), "expiry") || !strings.Contains(v.Code(n), "ExpiresOn") {
		t.Errorf("Code(%d) = %q", n, v.Code(n))
	}
	var doc, block bool
	for _, c := range v.Comments() {
		if c.Doc && strings.Contains(c.Text, "Doc comment") {
			doc = true
		}
		if c.Text == "comment" && c.Whole {
			block = true
		}
	}
	if !doc || !block {
		t.Errorf("comments missing doc=%v block=%v: %+v", doc, block, v.Comments())
	}
	for _, c := range []struct {
		line string
		bad  bool
	}{
		{"void Bad()", true},
		{"void Fine()", false},
		{"void Same()", true},
		{"string s", false},
	} {
		if got := v.BadExample(lineOf(t, v, c.line)); got != c.bad {
			t.Errorf("BadExample(%q) = %v, want %v", c.line, got, c.bad)
		}
	}
}

func TestViewHunksOnly(t *testing.T) {
	f := &diff.File{OldPath: "a.cs", NewPath: "a.cs", Status: diff.Modified, Hunks: []diff.Hunk{{
		OldStart: 10, OldLines: 2, NewStart: 10, NewLines: 3,
		Lines: []diff.Line{
			{Op: diff.Context, Text: "ctx", OldLine: 10, NewLine: 10},
			{Op: diff.Delete, Text: "gone", OldLine: 11},
			{Op: diff.Add, Text: "new1", NewLine: 11},
			{Op: diff.Add, Text: "new2\r", NewLine: 12},
		},
	}}}
	v := New(f, nil)
	if v.Len() != 12 {
		t.Fatalf("Len = %d, want 12", v.Len())
	}
	if v.Known(3) || v.Text(3) != "" || v.Added(10) || !v.Added(11) || !v.Known(10) {
		t.Error("known/added lines wrong")
	}
	if got := len(v.AddedLines()); got != 2 {
		t.Errorf("AddedLines = %d, want 2", got)
	}
	if len(v.Lines()) != 12 {
		t.Errorf("Lines = %d, want 12", len(v.Lines()))
	}
	if v.Text(0) != "" || v.Text(99) != "" || v.Added(-1) || v.BadExample(99) {
		t.Error("out-of-range lines are not empty")
	}
}

func TestIsTest(t *testing.T) {
	for p, want := range map[string]bool{
		"tests/Microsoft.Identity.Test.Unit/PublicApiTests/MtlsPopTests.cs": true,
		"src/client/Microsoft.Identity.Client/MtlsPopTests.cs":              true,
		"src/client/Microsoft.Identity.Client/Test.Common/Helper.cs":        true,
		"src/client/Microsoft.Identity.Client/AuthenticationResult.cs":      false,
		".github/skills/msal-mtls-pop-vanilla/SKILL.md":                     false,
		"src/Contest.cs": false,
	} {
		if got := IsTest(p); got != want {
			t.Errorf("IsTest(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestLiterals(t *testing.T) {
	got := Literals(`a("x\"y", @"c:\d""e", $"{r}.host", '"', "")`)
	want := []Literal{
		{Value: `x\"y`, Col: 3},
		{Value: `c:\d"e`, Col: 12},
		{Value: "{r}.host", Col: 24, Interpolated: true},
		{Value: "", Col: 41},
	}
	if len(got) != len(want) {
		t.Fatalf("Literals = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("literal %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if l := Literals(`"unclosed`); len(l) != 0 {
		t.Errorf("unclosed literal read as %+v", l)
	}
}

const scopeFile = `public class T
{
    [TestMethod]
    [DoNotRunOnLinux]
    public async Task A_TestAsync()
    {
        var s = "}";
        if (x) { y(); }
    }

    private static int B(int x) => x + 1;

    public ClientSignedAssertion C(
        bool bind = false)
    {
        return null;
    }
}
`

func TestScopeAt(t *testing.T) {
	v := viewOf("tests/T.cs", scopeFile)
	cases := []struct {
		line       string
		start, end int
		test, ok   bool
	}{
		{`var s = "}";`, 5, 9, true, true},
		{"if (x)", 5, 9, true, true},
		{"return null;", 13, 17, false, true},
		{"bool bind = false", 13, 17, false, true},
		{"x + 1", 0, 0, false, false},
	}
	for _, c := range cases {
		sc, ok := v.ScopeAt(lineOf(t, v, c.line))
		if ok != c.ok || ok && (sc.Start != c.start || sc.End != c.end || sc.Test != c.test || sc.Header != c.start) {
			t.Errorf("ScopeAt(%q) = %+v, %v; want %d-%d test=%v ok=%v", c.line, sc, ok, c.start, c.end, c.test, c.ok)
		}
	}
	md := viewOf("a.md", "text\n\n```csharp\nvar a = 1;\nvar b = 2;\n```\n")
	if sc, ok := md.ScopeAt(4); !ok || sc.Start != 4 || sc.End != 5 {
		t.Errorf("Markdown ScopeAt = %+v, %v; want the block 4-5", sc, ok)
	}
	if _, ok := md.ScopeAt(1); ok {
		t.Error("prose line has a scope")
	}
}

func viewOf(path, text string) *View {
	f, src := difftest.AddedText(path, text)
	return New(f, src)
}
