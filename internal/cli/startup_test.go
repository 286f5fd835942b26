package cli

import (
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// slowInit lists modules whose package init is too costly for a process
// that lives for one review, with what it cost (docs/benchmarks.md).
var slowInit = map[string]string{
	"github.com/santhosh-tekuri/jsonschema": "6.5 ms compiling every JSON Schema draft's meta-schemas; review/configschema.go validates the configuration instead",
}

// TestBinaryLinksNoSlowInit: the reviewbot binary links none of slowInit
// (tests may: they hold the configuration's validator to the library).
func TestBinaryLinksNoSlowInit(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH: cannot list the binary's packages")
	}
	out, err := exec.Command(gobin, "list", "-deps", "github.com/reviewbot/reviewbot/cmd/reviewbot").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, pkg := range strings.Fields(string(out)) {
		for mod, why := range slowInit {
			if pkg == mod || strings.HasPrefix(pkg, mod+"/") {
				t.Errorf("cmd/reviewbot links %s: its init costs %s", pkg, why)
			}
		}
	}
}

// maxInitBytes bounds what one of reviewbot's packages may allocate in its
// init. Compiling package-level regexps at init cost rules 2.6 MB,
// checklist 663 KB, review 277 KB and flow 117 KB of every process; they
// compile on first use now (internal/prefilter), and the embedded guidance
// is parsed at build time.
const maxInitBytes = 96 << 10

// TestPackageInitIsCheap runs this test binary again with
// GODEBUG=inittrace=1 and holds the init of every reviewbot package it
// links (the binary's own, from internal/cli down) to maxInitBytes.
func TestPackageInitIsCheap(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s -test.run=^$: %v\n%s", os.Args[0], err, out)
	}
	line := regexp.MustCompile(`(?m)^init (github\.com/reviewbot/reviewbot/\S+) @.* ([0-9]+) bytes,`)
	found := line.FindAllStringSubmatch(string(out), -1)
	if len(found) < 5 {
		t.Fatalf("GODEBUG=inittrace=1 printed %d inits of reviewbot packages, want the packages internal/cli links:\n%s", len(found), out)
	}
	for _, m := range found {
		n, _ := strconv.Atoi(m[2])
		if n > maxInitBytes {
			t.Errorf("init of %s allocates %d bytes, more than %d: compute package-level values on first use (prefilter.MustCompile, sync.OnceValue)", m[1], n, maxInitBytes)
		}
	}
}
