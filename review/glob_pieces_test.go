package review

import (
	"slices"
	"strings"
	"testing"

	"github.com/bmatcuk/doublestar/v4"
)

func TestGlobPieces(t *testing.T) {
	for _, tc := range []struct {
		glob string
		want []string
	}{
		{"**/*mtls*/**", []string{"mtls"}},
		{"**/ClientCredentialsMtlsPopTests.cs", []string{"ClientCredentialsMtlsPopTests.cs"}},
		{"src/**/a?b/*.cs", []string{"src", "a", "b", ".cs"}},
		{"**", nil},
		{"docs/{a,b}/*.md", nil},
		{"x[ab]y", nil},
		{`x\*y`, nil},
		{"\x93", nil},
		{"a\uFFFDb", nil},
	} {
		if got := globPieces(tc.glob); !slices.Equal(got, tc.want) {
			t.Errorf("globPieces(%q) = %q, want %q", tc.glob, got, tc.want)
		}
	}
}

// TestMatchGlobGuard: the default guidance's globs through the guard
// answer as doublestar does, for paths in and out of scope.
func TestMatchGlobGuard(t *testing.T) {
	s, err := newScoper([]string{"**/*mtls*/**", "**/*pop*/**", "**/ClientCredentialsMtlsPopTests.cs", "**/ManagedIdentity*/**"}, false)
	if err != nil {
		t.Fatal(err)
	}
	written := []string{"**/*mtls*/**", "**/*pop*/**", "**/ClientCredentialsMtlsPopTests.cs", "**/ManagedIdentity*/**"}
	plain := func(p string) string {
		for i, g := range s.globs {
			if doublestar.MatchUnvalidated(g, strings.ToLower(p)) {
				return written[i]
			}
		}
		return ""
	}
	matched := 0
	for _, p := range []string{
		"src/client/Microsoft.Identity.Client/Mtls/Helper.cs",
		"mtls/x.cs",
		"tests/pop/x.cs",
		"tests/Unit/ClientCredentialsMtlsPopTests.cs",
		"src/ManagedIdentityFoo/x.cs",
		"src/managedidentity/x.cs",
		"src/client/Microsoft.Identity.Client/Cache/Item.cs",
		"mtls.cs",
		"README.md",
		"",
	} {
		want := plain(p)
		if got := s.matchGlob(p, written); got != want {
			t.Errorf("matchGlob(%q) = %q, doublestar alone says %q", p, got, want)
		}
		if want != "" {
			matched++
		}
	}
	if matched < 5 {
		t.Errorf("only %d paths matched: the table no longer tests the guard on matches", matched)
	}
}

// FuzzGlobPieces: a path that lacks one of a valid glob's pieces is one
// the glob does not match, so the guard never turns a match away.
func FuzzGlobPieces(f *testing.F) {
	for _, s := range [][2]string{
		{"**/*mtls*/**", "a/mtls/b"}, {"**/*pop*/**", "pop"}, {"a/**/b", "a/b"}, {"a/**", "a"},
		{"*.cs", ".cs"}, {"?x", "/x"}, {"**/x", "/x"}, {"a/**/*b*/c", "a/b/c"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, glob, path string) {
		if !doublestar.ValidatePattern(glob) {
			return
		}
		if doublestar.MatchUnvalidated(glob, path) && !mayMatch(path, globPieces(glob)) {
			t.Fatalf("%q matches %q, but the guard (pieces %q) says it cannot", glob, path, globPieces(glob))
		}
	})
}
