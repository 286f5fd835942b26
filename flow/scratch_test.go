package flow

import (
	"reflect"
	"testing"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

// TestClassifyReusedScratch: a file classified after others, on the
// per-line arrays they left behind (scratchPool), gets what it gets
// alone. The first file is long and full of leg 2 signals, so that a
// stale FIC mark or count would make the vanilla acquisition after it
// leg 2.
func TestClassifyReusedScratch(t *testing.T) {
	var fic []string
	for range 60 {
		fic = append(fic, "+    .WithClientAssertion((AssertionRequestOptions o, CancellationToken c) => Task.FromResult(new ClientSignedAssertion()))",
			"+    var t = await app.AcquireTokenForClient(s).WithMtlsProofOfPossession().ExecuteAsync();")
	}
	long := difftest.File("tests/FicTwoLegTests.cs", fic...)
	vanilla := difftest.File("tests/VanillaTests.cs",
		"+    var result = await app.AcquireTokenForClient(new[] { \"https://vault.azure.net/.default\" })",
		"+        .WithMtlsProofOfPossession()",
		"+        .ExecuteAsync();")
	alone := Classify([]*diff.File{vanilla})
	if alone.Flow != Vanilla {
		t.Fatalf("alone: flow %v, want vanilla", alone.Flow)
	}
	for range 3 {
		Classify([]*diff.File{long})
		if got := Classify([]*diff.File{vanilla}); !reflect.DeepEqual(got, alone) {
			t.Fatalf("after a long FIC file: %+v\nalone: %+v", got, alone)
		}
	}
	if got := Classify([]*diff.File{long}); got.Flow != FIC {
		t.Fatalf("long file: flow %v, want FIC two-leg", got.Flow)
	}
}
