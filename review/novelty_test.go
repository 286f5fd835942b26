package review

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

func TestMarkNovelty(t *testing.T) {
	tests := []struct {
		name  string
		files []*diff.File
		want  map[lineRef]string
	}{
		{"a new line is new",
			[]*diff.File{difftest.File("a.cs", " class A {", "+    // Acquire PoP token", " }")},
			map[lineRef]string{}},
		{"a line moved in one file, reindented",
			[]*diff.File{difftest.File("a.cs", "-// Acquire PoP token", " class A {", "+    // Acquire PoP token", " }")},
			map[lineRef]string{{"a.cs", 2}: "moved"}},
		{"a line moved across files",
			[]*diff.File{
				difftest.File("old.cs", "-    var x = Build(\"PoP\");", " }"),
				difftest.Added("new/New.cs", "class N {", "    var x = Build(\"PoP\");", "}"),
			},
			map[lineRef]string{{"new/New.cs", 2}: "moved"}},
		{"a line moved once and added twice: the second copy is new",
			[]*diff.File{difftest.File("a.cs", "-var tokenType = \"pop\";", " x();", "+var tokenType = \"pop\";", "+var tokenType = \"pop\";")},
			map[lineRef]string{{"a.cs", 2}: "moved"}},
		{"braces and blank lines are not moves",
			[]*diff.File{difftest.File("a.cs", "-}", " x();", "+}")},
			map[lineRef]string{}},
		{"a consistent rename",
			[]*diff.File{difftest.File("a.cs",
				"-    // Do NOT modify s_sourceName; keep ImdsV2 so future PoP",
				"-    s_sourceName = source;",
				"+    // Do NOT modify s_cachedSource; keep ImdsV2 so future PoP",
				"+    s_cachedSource = source;",
			)},
			map[lineRef]string{{"a.cs", 1}: "renamed", {"a.cs", 2}: "renamed"}},
		{"a name edited to one already there is not a rename",
			[]*diff.File{difftest.File("a.cs",
				"-    Console.WriteLine(result.ExpiresOn);",
				"+    Console.WriteLine(result.AccessToken);",
				"-    var t = result.AccessToken;",
				"+    var t = result.AccessToken;",
			)},
			map[lineRef]string{{"a.cs", 2}: "moved"}},
		{"a changed string literal is not a rename",
			[]*diff.File{difftest.File("a.cs",
				"-    Assert.AreEqual(\"mtls_pop\", result.TokenType);",
				"+    Assert.AreEqual(\"pop\", result.TokenType);",
			)},
			map[lineRef]string{}},
		{"a rename that is not applied everywhere is not a rename",
			[]*diff.File{difftest.File("a.cs",
				"-    var a = cert;",
				"+    var a = disposedCert;",
				"+    Use(cert);",
			)},
			map[lineRef]string{}},
		{"a rename whose old name another file still adds is not a rename",
			[]*diff.File{
				difftest.File("a.cs", "-    var a = s_sourceName;", "+    var a = s_cachedSource;"),
				difftest.File("b.cs", " x();", "+    Use(s_sourceName);"),
			},
			map[lineRef]string{}},
		{"a rename to a name the change removes elsewhere is not a rename",
			[]*diff.File{
				difftest.File("a.cs", "-    var a = s_sourceName;", "+    var a = s_cachedSource;", " x();", "-    Use(s_cachedSource);"),
			},
			map[lineRef]string{}},
		{"prose edits in Markdown are never renames",
			[]*diff.File{difftest.File("a.md", "-Use the vanilla flow.", "+Use the leg1 flow.")},
			map[lineRef]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := markNovelty(tt.files)
			assert.Equal(t, tt.want, got)
			moved, renamed := 0, 0
			for _, m := range tt.want {
				if m == "moved" {
					moved++
				} else {
					renamed++
				}
			}
			assert.Equal(t, Novelty{Moved: moved, Renamed: renamed}, n)
		})
	}
}

// TestRunSkipsMovedLines pins the engine's use of the marks: a moved line
// gets no finding, the result counts it, and a change that only moves
// mTLS PoP code is neither flow.
func TestRunSkipsMovedLines(t *testing.T) {
	moved := []string{
		"var result = await app.AcquireTokenForClient(scopes)",
		"    .WithMtlsProofOfPossession()",
		"    .ExecuteAsync();",
		"Console.WriteLine(result.AccessToken);",
	}
	var old, nw []string
	for _, l := range moved {
		old = append(old, "-"+l)
		nw = append(nw, "    "+l)
	}
	files := []*diff.File{
		difftest.File("tests/Old/MtlsPopTests.cs", old...),
		difftest.Added("tests/New/MtlsPopTests.cs", nw...),
	}
	res, err := Run(files, Options{})
	require.NoError(t, err)
	assert.Empty(t, res.Findings, "moved lines get no finding")
	assert.Equal(t, Novelty{Moved: 4}, res.Novelty)
	assert.Equal(t, flow.None, res.Flow, "a change that only moves mTLS PoP code is neither flow")

	// The same lines written anew are reviewed.
	res, err = Run(files[1:], Options{})
	require.NoError(t, err)
	assert.NotEmpty(t, res.Findings)
	assert.Equal(t, flow.Vanilla, res.Flow)
}
