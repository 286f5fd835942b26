package source

import "strings"

// unicodeFolds maps the look-alike characters that real documents use for
// ASCII punctuation to that punctuation: the dashes U+2010 to U+2015 and
// U+2212, the non-breaking hyphen U+2011, non-breaking and narrow spaces,
// and curly quotes. "mutual‑TLS Proof‑of‑Possession" with U+2011 says the
// same words as with "-".
var unicodeFolds = strings.NewReplacer(
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2015", "-", "\u2212", "-",
	"\u00a0", " ", "\u202f", " ", "\u2007", " ", "\u2009", " ",
	"\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`,
)

// FoldPunctuation returns s with Unicode dashes, non-breaking spaces and hyphens
// and curly quotes replaced by their ASCII forms, for matching words and
// phrases. Offsets into the result do not map to offsets into s: report
// columns from the original text.
func FoldPunctuation(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return unicodeFolds.Replace(s)
		}
	}
	return s
}
