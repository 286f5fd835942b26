package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/rules/source"
)

// This file holds the units of code that the mTLS PoP rules reason about
// beyond one line: a statement, a member, a comment's member, and what
// kind of file a line is in.

// mtlsUnit reports whether the code comment c speaks about deals with
// mTLS PoP: the file is named for mTLS (an mTLS-only component), or the
// member the comment sits in or documents mentions mTLS.
func mtlsUnit(v *source.View, c source.Comment) bool {
	if strings.Contains(strings.ToLower(v.Path()), "mtls") {
		return true
	}
	n := c.Line
	if c.Doc {
		// The member the doc comment documents: its first code line.
		for n = c.Line + 1; n <= v.Len() && v.IsCodeLine(n) && strings.TrimSpace(v.Code(n)) == ""; n++ {
		}
	}
	first, last := n, n
	if sc, ok := v.ScopeAt(n); ok {
		first, last = sc.Start, sc.End
	}
	for i := first; i <= last && i <= v.Len(); i++ {
		if v.HasFold(i, source.TrigMtls) {
			return true
		}
	}
	return false
}
