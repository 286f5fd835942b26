package source

import "github.com/reviewbot/reviewbot/diff"

// NewPlain builds the view as it was (view_plain_test.go), for
// BenchmarkNewCorpus to time beside New.
func NewPlain(f *diff.File, source []byte) interface{ FileHas(Triggers) bool } {
	return newPlain(f, source)
}
