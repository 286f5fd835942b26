package report

import (
	"bytes"
	"html"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/rules"
)

// FuzzCommentSuggestion holds Comment to its promise for any suggestion
// text: at most one suggestion block, quoting the suggestion exactly,
// rendered as one code block, and the rest of the comment as safe as any.
func FuzzCommentSuggestion(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, "m")
	}
	f.Add("    Assert.AreEqual(\"mtls_pop\", result.TokenType);", "m")
	f.Add("x\n```\n@team", "<!-- reviewbot")
	f.Fuzz(func(t *testing.T, sugg, msg string) {
		fd := rules.Finding{Rule: "token-type", Severity: rules.Warning, Path: "a.cs", Line: 1, Message: msg, Suggestion: sugg}
		c := Comment(fd)
		block := "\n```suggestion\n" + sugg + "\n```\n"
		n := strings.Count(c, "```suggestion\n")
		if n > 1 {
			t.Fatalf("%d suggestion blocks:\n%s", n, c)
		}
		if n == 1 {
			if !strings.HasSuffix(c, block) {
				t.Fatalf("suggestion block does not quote %q exactly:\n%s", sugg, c)
			}
			var h bytes.Buffer
			if err := unsafeMD.Convert([]byte(c), &h); err != nil {
				t.Fatal(err)
			}
			m := suggestionHTML.FindAllStringSubmatch(h.String(), -1)
			if len(m) != 1 || html.UnescapeString(m[0][1]) != sugg+"\n" {
				t.Fatalf("rendered blocks %q, want one holding %q", m, sugg)
			}
			c = strings.TrimSuffix(c, block) + "\n"
		}
		checkSafe(t, c)
	})
}
