package source

import (
	"regexp"
	"testing"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// FuzzMarkerGuards holds each bad and good example marker, a byte loop, to
// the regexp it replaces, and the markers to reading a text with a space
// before it as without.
func FuzzMarkerGuards(f *testing.F) {
	for _, s := range []string{
		"// Copyright (c) Microsoft Corporation. All rights reserved.", "Right: use the leg 1 result", "RIGHT : x", "right:",
		"Fix: bind it", "prefix: x", "Don't: do this", "DON'T", "Avoid :", "Problem:", "**Wrong**:", "Incorrect :", "Good:", "good  :",
		"Correct:", "CORRECT:", "Solution:", "Recommended:", "✅ Good", "❌ Bad", "Bad example", "bad-code", "NEVER", "Anti-pattern",
		"a_fix:", "2fix:", "fix\t\n\f\r :", "fix\v:", "x: good :", "wrong::", "dont :", "Don'tt:",
		"Anti-Patterns", "xantipattern", "ANTIPATTERNS!", "anti-patternsy", "DONT", "DON'T_", "_BAD", "BAD1", "é BAD é",
		"Bad —x", "bad \t (", "badcode", "a bad practice", "  --Good!", "«Recommended»", "Goodness", "RIGHTS", "ŔIGHT",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// The markers read a comment's text with or without the space
		// the line's comment text puts before it (commentText leaves it
		// out for a line of one comment).
		if isBad(" "+s) != isBad(s) || isGood(" "+s) != isGood(s) {
			t.Errorf("a space before %q changes its markers: bad %v -> %v, good %v -> %v", s, isBad(s), isBad(" "+s), isGood(s), isGood(" "+s))
		}
		for _, m := range []markerSet{badMarker, goodMarker} {
			for _, e := range m {
				var plain bool
				switch x := e.(type) {
				case colonMarker:
					plain = regexp.MustCompile(x.expr).MatchString(s)
				case wordMarker:
					plain = regexp.MustCompile(x.expr).MatchString(s)
				case *prefilter.Regexp:
					plain = x.Plain().MatchString(s)
				case anyOf:
					continue
				default:
					t.Fatalf("a marker of type %T has no plain version here", e)
				}
				if got := e.MatchString(s); got != plain {
					t.Errorf("marker %v matches %q: %v, its plain regexp says %v", e, s, got, plain)
				}
			}
		}
	})
}
