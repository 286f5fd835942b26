package source

import (
	"path"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/reviewbot/reviewbot/diff"
)

// shapedFile builds a file of path from text, one diff line per line of
// text, shaped by shape (read in a cycle, one byte per line): '+' an added
// line, ' ' a context line, '-' a deleted one, a digit d a context line
// opening a new hunk d lines further on (a gap of unknown lines), 'b' an
// added line opening a hunk three lines back (hunks that overlap, which no
// parsed diff holds but a hand-built file may), any other byte an added
// line.
func shapedFile(path, text, shape string) *diff.File {
	f := &diff.File{OldPath: path, NewPath: path, Status: diff.Modified}
	o, n := 1, 1
	open := func() {
		f.Hunks = append(f.Hunks, diff.Hunk{OldStart: o, NewStart: n})
	}
	for i, s := range strings.Split(text, "\n") {
		c := byte('+')
		if shape != "" {
			c = shape[i%len(shape)]
		}
		switch {
		case c >= '0' && c <= '9':
			o, n = o+int(c-'0'), n+int(c-'0')
			open()
		case c == 'b':
			n = max(1, n-3)
			open()
		case len(f.Hunks) == 0:
			open()
		}
		h := &f.Hunks[len(f.Hunks)-1]
		switch {
		case c == '-':
			h.Lines = append(h.Lines, diff.Line{Op: diff.Delete, OldLine: o, Text: s})
			o++
		case c == ' ' || c >= '0' && c <= '9':
			h.Lines = append(h.Lines, diff.Line{Op: diff.Context, OldLine: o, NewLine: n, Text: s})
			o++
			n++
		default:
			h.Lines = append(h.Lines, diff.Line{Op: diff.Add, NewLine: n, Text: s})
			n++
		}
	}
	return f
}

// FuzzViewIndex holds the view, which keeps only the lines it knows, to
// the view as it was (view_plain_test.go: one slot per line number up to
// the highest): for a C#, a Markdown and another file built from any
// text, any shape of hunks and gaps, with or without the whole new file,
// every question a rule can ask of every line, and of the whole file,
// has the same answer. The one difference allowed: an unknown line is
// never in a bad example (the old view marked the unknown lines inside a
// Markdown block as the block's state; every reader asks only of known
// lines).
func FuzzViewIndex(f *testing.F) {
	f.Add("using X;\n// ❌ Bad: never\nvar t = a.Token; /* x\n y */ z();\n/// doc\npublic void A() {\n  B();\n}\n", "+ 3+-b", "", uint8(0))
	f.Add("# Guide\n\nAnti-pattern:\n```csharp\n// Good:\nvar x = \"pop\";\n```\nProse with PoP <!-- c --> here.\n---\n", " +2++ +", "", uint8(1))
	f.Add("---\ntitle: x\n---\n```\ncode();\n```\n", "+", "---\ntitle: x\n---\n```\ncode();\n```\nmore\n", uint8(1))
	f.Add("a\nb\nc\n", "5+", "x\r\ny\n", uint8(2))
	f.Add("[TestMethod]\npublic async Task T()\n{\n    var s = @\"a\n\"\"b\";\n}\n", "+ ", "", uint8(0))
	f.Fuzz(func(t *testing.T, text, shape, src string, kind uint8) {
		if len(text) > 1<<12 || len(src) > 1<<12 || len(shape) > 64 {
			return
		}
		path := []string{"src/ATests.cs", "docs/guide.md", "notes.txt"}[kind%3]
		file := shapedFile(path, text, shape)
		var source []byte
		if src != "" {
			source = []byte(src)
		}
		got, want := New(file, source), newPlain(file, source)
		compareViews(t, got, want)
	})
}

// compareViews fails t where got answers a question otherwise than want.
func compareViews(t *testing.T, got *View, want *plainView) {
	t.Helper()
	if got.Len() != want.Len() {
		t.Fatalf("Len = %d, want %d", got.Len(), want.Len())
	}
	same := func(what string, g, w any) {
		t.Helper()
		if !reflect.DeepEqual(g, w) {
			t.Fatalf("%s:\n got %+v\nwant %+v", what, g, w)
		}
	}
	same("Blocks", got.Blocks(), want.Blocks())
	if len(got.Comments()) > 0 || len(want.Comments()) > 0 { // nil or empty alike
		same("Comments", got.Comments(), want.Comments())
	}
	same("Lines", got.Lines(), want.Lines())
	same("AddedLines", got.AddedLines(), want.AddedLines())
	same("CodeLines", got.CodeLines(), want.CodeLines())
	same("CheckedCode", got.CheckedCode(), want.CheckedCode())
	same("CheckedProse", got.CheckedProse(), want.CheckedProse())
	same("DocLines", got.DocLines(), want.DocLines())
	for _, g := range triggerGroups {
		same("MayHold", got.MayHold(g.t), want.MayHold(g.t))
		same("FileHas", got.FileHas(g.t), want.FileHas(g.t))
	}
	for n := -1; n <= got.Len()+2; n++ {
		at := func(what string) string { return what + "(" + strconv.Itoa(n) + ")" }
		same(at("Text"), got.Text(n), want.Text(n))
		same(at("Known"), got.Known(n), want.Known(n))
		same(at("Added"), got.Added(n), want.Added(n))
		same(at("IsCodeLine"), got.IsCodeLine(n), want.IsCodeLine(n))
		same(at("Code"), got.Code(n), want.Code(n))
		same(at("Prose"), got.Prose(n), want.Prose(n))
		if want.Known(n) {
			same(at("BadExample"), got.BadExample(n), want.BadExample(n))
		} else if got.BadExample(n) {
			t.Fatalf("BadExample(%d) of an unknown line is true", n)
		}
		gb, gok := got.BlockAt(n)
		wb, wok := want.BlockAt(n)
		same(at("BlockAt"), []any{gb, gok}, []any{wb, wok})
		gs, gok := got.ScopeAt(n)
		ws, wok := want.ScopeAt(n)
		same(at("ScopeAt"), []any{gs, gok}, []any{ws, wok})
		if n >= 1 && n <= got.Len() {
			ge, gok := got.BlockEnd(n)
			we, wok := want.BlockEnd(n)
			same(at("BlockEnd"), []any{ge, gok}, []any{we, wok})
		}
		same(at("SpanFrom"), got.SpanFrom(n, 4), want.SpanFrom(n, 4))
		same(at("badLine"), got.badLine(n), want.badLine(n))
		same(at("goodLine"), got.goodLine(n), want.goodLine(n))
		for _, g := range triggerGroups {
			same(at("May"), got.May(n, g.t), want.May(n, g.t))
			same(at("HasFold"), got.HasFold(n, g.t), want.HasFold(n, g.t))
			same(at("LinesHave"), got.LinesHave(n, n+2, g.t), want.LinesHave(n, n+2, g.t))
		}
	}
}

// TestLineInfoSize holds what a view keeps per known line beside the line
// itself to 16 bytes: the trigger groups, the blanked code's index and
// the flags (the Markdown block a line lies in is found from the blocks).
func TestLineInfoSize(t *testing.T) {
	if s := unsafe.Sizeof(lineInfo{}); s != 16 {
		t.Errorf("lineInfo is %d bytes, want 16", s)
	}
}

// isTestPlain is IsTest as it was: the path split, each part lower-cased.
func isTestPlain(p string) bool {
	parts := strings.Split(strings.ReplaceAll(p, "\\", "/"), "/")
	for i, s := range parts {
		ls := strings.ToLower(s)
		if i < len(parts)-1 {
			if ls == "tests" || ls == "test" || strings.HasPrefix(ls, "test.") || strings.Contains(ls, ".test") {
				return true
			}
			continue
		}
		base := strings.TrimSuffix(s, path.Ext(s))
		if strings.HasSuffix(base, "Tests") || strings.HasSuffix(base, "Test") || strings.HasSuffix(ls, "_test.cs") {
			return true
		}
	}
	return false
}

// FuzzIsTest holds IsTest, which reads the path in place, to the split and
// lower-cased path it replaces.
func FuzzIsTest(f *testing.F) {
	for _, p := range []string{"tests/A.cs", "src\\Foo.Tests\\A.cs", "TEST/x", "a/Test.Unit/b.cs", "x/ATests.cs", "x/a_TEST.CS", "teſts/a.cs", "\u212atest/a", "a/b", "Test", "a/.test/", "İtest./x"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if got, want := IsTest(p), isTestPlain(p); got != want {
			t.Errorf("IsTest(%q) = %v, the split path says %v", p, got, want)
		}
	})
}
