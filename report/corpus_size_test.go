package report

import (
	"slices"
	"testing"

	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// Issue 11 item 4's targets for the summary of a real change, in bytes.
const (
	medianSummaryTarget = 2 * 1024
	maxSummaryTarget    = 12 * 1024
)

// corpusOptions renders a corpus change's summary the way the action does
// by default: warnings and errors are inline comments, notices are in the
// summary only; with links, paths point at the PR's head.
func corpusOptions(res *review.Result, links bool) MarkdownOptions {
	inline := map[int]string{}
	for i, f := range res.Findings {
		if f.Severity >= rules.Warning {
			inline[i] = "see the comment on this line"
		}
	}
	o := MarkdownOptions{Inline: inline, Marker: marker}
	if links {
		o.RepoURL = "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet"
		o.HeadSHA = "0123456789abcdef0123456789abcdef01234567"
		o.PR = 5000
	}
	return o
}

// sizeStats are the median and largest of sizes, and which commit the
// largest is.
func sizeStats(sizes map[string]int) (median, largest int, which string) {
	var all []int
	for sha, n := range sizes {
		all = append(all, n)
		if n > largest || n == largest && sha < which {
			largest, which = n, sha
		}
	}
	slices.Sort(all)
	median = all[len(all)/2]
	if len(all)%2 == 0 {
		median = (all[len(all)/2-1] + all[len(all)/2]) / 2
	}
	return median, largest, which
}

// TestCorpusSummarySize renders every corpus commit's summary and holds
// the median under 2 KB and the largest under 12 KB, for the Markdown
// `reviewbot check --format markdown` prints. The summary the action posts
// also links every path to the PR's head (some 200 bytes a link on the
// MSAL.NET repository's long paths): its sizes are logged beside.
func TestCorpusSummarySize(t *testing.T) {
	commits := corpus.Load(t)
	plain, linked := map[string]int{}, map[string]int{}
	for _, c := range commits {
		res, err := review.Run(c.Files, review.Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.SHA, err)
		}
		md := Markdown(res, corpusOptions(res, false))
		checkSafe(t, md)
		plain[c.SHA] = len(md)
		md = Markdown(res, corpusOptions(res, true))
		checkSafe(t, md)
		linked[c.SHA] = len(md)
	}
	median, largest, which := sizeStats(plain)
	lm, ll, lw := sizeStats(linked)
	t.Logf("summary sizes of %d corpus changes: median %d bytes, largest %d bytes (%.8s); with links to the head: median %d, largest %d (%.8s)",
		len(commits), median, largest, which, lm, ll, lw)
	if median >= medianSummaryTarget {
		t.Errorf("median summary is %d bytes, want under %d", median, medianSummaryTarget)
	}
	if largest >= maxSummaryTarget {
		t.Errorf("largest summary (%s) is %d bytes, want under %d", which, largest, maxSummaryTarget)
	}
}
