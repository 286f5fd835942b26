package diff

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// genDiff writes a git diff of about lines lines: files of 10 hunks, each
// hunk 3 context, 2 deleted, 3 added, 3 context lines plus its header, in
// C#-like text.
func genDiff(lines int) []byte {
	var b bytes.Buffer
	n := 0
	for file := 0; n < lines; file++ {
		fmt.Fprintf(&b, "diff --git a/src/Client/Mtls/File%d.cs b/src/Client/Mtls/File%d.cs\nindex 1111111..2222222 100644\n--- a/src/Client/Mtls/File%d.cs\n+++ b/src/Client/Mtls/File%d.cs\n", file, file, file, file)
		n += 4
		for h := 0; h < 10 && n < lines; h++ {
			old := 1 + h*40
			fmt.Fprintf(&b, "@@ -%d,8 +%d,9 @@ public class File%d\n", old, old+h, file)
			for i := 0; i < 3; i++ {
				fmt.Fprintf(&b, "         var context%d = app.AcquireTokenForClient(scopes);\n", i)
			}
			b.WriteString("-            .WithCertificate(cert)\n-            .ExecuteAsync();\n")
			b.WriteString("+            .WithMtlsProofOfPossession()\n+            .WithCertificate(cert, sendX5C: true)\n+            .ExecuteAsync(cancellationToken);\n")
			for i := 0; i < 3; i++ {
				fmt.Fprintf(&b, "         Assert.AreEqual(\"mtls_pop\", result%d.TokenType);\n", i)
			}
			n += 12
		}
	}
	return b.Bytes()
}

func TestGenDiff(t *testing.T) {
	raw := genDiff(20000)
	if got := bytes.Count(raw, []byte("\n")); got < 20000 || got > 20020 {
		t.Fatalf("generated %d lines, want about 20000", got)
	}
	files, err := Parse(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		checkInvariants(t, f)
	}
}

func BenchmarkParse(b *testing.B) {
	for _, lines := range []int{20000, 200000} {
		raw := genDiff(lines)
		b.Run(fmt.Sprintf("lines=%d", lines), func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(bytes.NewReader(raw)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParsePatch(b *testing.B) {
	raw := genDiff(20000)
	_, patch, _ := strings.Cut(string(raw), "\n@@")
	patch = "@@" + patch[:strings.Index(patch, "\ndiff --git")]
	b.SetBytes(int64(len(patch)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParsePatch("x.cs", "", "modified", patch); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBetween(b *testing.B) {
	for _, lines := range []int{2000, 20000} {
		var old, nw strings.Builder
		for i := 0; i < lines; i++ {
			fmt.Fprintf(&old, "line %d {\n", i)
			if i%50 == 0 {
				fmt.Fprintf(&nw, "changed %d {\n", i)
			} else {
				fmt.Fprintf(&nw, "line %d {\n", i)
			}
			old.WriteString("}\n")
			nw.WriteString("}\n")
		}
		o, n := []byte(old.String()), []byte(nw.String())
		b.Run(fmt.Sprintf("lines=%d", 2*lines), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Between("x.cs", o, n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// corpusBenchDiff is the diff scripts/bench-check.sh reviews: the corpus
// commits in name order, concatenated until they hold 20,000 lines.
func corpusBenchDiff(b *testing.B) []byte {
	paths, err := filepath.Glob(filepath.Join(corpusDir, "*.patch"))
	if err != nil {
		b.Fatal(err)
	}
	if len(paths) == 0 {
		b.Skipf("corpus %s is absent", corpusDir)
	}
	var all []byte
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, raw...)
		if bytes.Count(all, []byte("\n")) >= 20000 {
			break
		}
	}
	return all
}

func BenchmarkParseCorpus(b *testing.B) {
	raw := corpusBenchDiff(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(bytes.NewReader(raw)); err != nil {
			b.Fatal(err)
		}
	}
}
