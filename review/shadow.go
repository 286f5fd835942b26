package review

import "github.com/reviewbot/reviewbot/rules"

// dropShadowed removes notices on lines where another rule found a
// warning or an error: that finding is the line's real defect (a wrong
// authorization scheme, a wrong token type), and a wording notice beside
// it points the reviewer at the wrong thing. Findings about a whole file
// are not about their anchor line and neither shadow nor are shadowed. fs
// is not grouped yet. The dropped notices are returned too: their rule did
// fire, so no item may pass on its silence.
func dropShadowed(fs []rules.Finding) (kept, dropped []rules.Finding) {
	type at struct {
		path string
		line int
	}
	serious := map[at]bool{}
	for _, f := range fs {
		if f.Severity > rules.Notice && !f.File {
			serious[at{f.Path, f.Line}] = true
		}
	}
	if len(serious) == 0 {
		return fs, nil
	}
	kept = fs[:0:0]
	for _, f := range fs {
		if f.Severity == rules.Notice && !f.File && serious[at{f.Path, f.Line}] {
			dropped = append(dropped, f)
			continue
		}
		kept = append(kept, f)
	}
	return kept, dropped
}
