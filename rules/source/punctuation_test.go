package source

import "testing"

func TestFoldPunctuation(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain ascii", "plain ascii"},
		{"mutual\u2011TLS Proof\u2011of\u2011Possession (PoP)", "mutual-TLS Proof-of-Possession (PoP)"},
		{"a\u2013b\u2014c\u2212d", "a-b-c-d"},
		{"no\u00a0break\u202fnarrow", "no break narrow"},
		{"\u201cPoP\u201d and \u2018pop\u2019", `"PoP" and 'pop'`},
		{"caf\u00e9 stays", "caf\u00e9 stays"},
	}
	for _, tt := range tests {
		if got := FoldPunctuation(tt.in); got != tt.want {
			t.Errorf("FoldPunctuation(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
