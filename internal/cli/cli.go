// Package cli is reviewbot's command line: `check` reviews a diff offline,
// `rules` lists the rules, `action` runs as a GitHub Action, `version`
// prints the version. Main returns the process exit code.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/reviewbot/reviewbot/action"
	"github.com/reviewbot/reviewbot/rules"
	"github.com/reviewbot/reviewbot/version"
)

// Exit codes.
const (
	// ExitClean: no finding at or above --fail-on.
	ExitClean = 0
	// ExitFindings: at least one finding at or above --fail-on.
	ExitFindings = 1
	// ExitError: a usage or input error; the message says which input and
	// what to do.
	ExitError = 2
)

const usage = `reviewbot reviews mTLS PoP changes against the team's guidance.

Usage:
  reviewbot check [flags] [DIFF | -]   review a unified diff (a file, - for stdin, or --git BASE...HEAD)
  reviewbot rules [--doc]              list the rules (--doc: the Markdown reference)
  reviewbot action                     run as the GitHub Action (reads INPUT_* and GITHUB_* variables)
  reviewbot version                    print the version

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.
Run 'reviewbot check -h' for the check flags.
`

// memoryLimit is the soft limit on the Go heap that Main sets unless the
// GOMEMLIMIT environment variable sets one: near it the collector works
// harder instead of letting the heap grow, so the review of a
// 200,000-line diff stays under 64 MB: about 54 MB peak at 48 MiB, where
// 40 MiB gave 47 MB but collected twice as often (43 times) and took 15%
// more CPU (docs/benchmarks.md). A 20,000-line diff never reaches it.
const memoryLimit = 48 << 20

// gcPercent is the collector's GOGC that Main sets when GOMEMLIMIT sets
// the limit but GOGC is unset. A review allocates far more than it keeps,
// and a process lives for one review: at the default 100 the collector
// ran several times on a 20,000-line diff for heap that was garbage a
// moment later. At 400 the heap may grow to five times what is live
// before a collection (docs/benchmarks.md).
const gcPercent = 400

// Main runs reviewbot with args (without the program name) and returns the
// exit code. It never panics on bad input: every error is one line on
// stderr naming the input and what to do.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	setGC(getenv)
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return ExitError
	}
	switch args[0] {
	case "check":
		return runCheck(args[1:], stdin, stdout, stderr)
	case "rules":
		return runRules(args[1:], stdout, stderr)
	case "action":
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		failed, err := action.Main(ctx, getenv, stdout, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "reviewbot: %s\n", oneLine(err))
			return ExitError
		}
		if failed {
			return ExitFindings
		}
		return ExitClean
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "reviewbot %s\n", version.String())
		return ExitClean
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return ExitClean
	}
	fmt.Fprintf(stderr, "reviewbot: unknown command %q: use check, rules, action or version\n", args[0])
	return ExitError
}

// setGC sets the collector's pace unless the environment does. With
// Main's own soft memoryLimit it turns the proportional trigger off
// (GOGC=off): the heap is collected only near the limit, so a
// 20,000-line review, which never gets there, is not collected at all
// (one collection at GOGC 400 cost more than the fresh pages it saved:
// docs/benchmarks.md), and a 200,000-line one is paced by the limit as
// before. A limit from GOMEMLIMIT may be far off or "off", so then an
// unset GOGC gets gcPercent and the heap stays bounded by what is live.
func setGC(getenv func(string) string) {
	ownLimit := getenv("GOMEMLIMIT") == ""
	if ownLimit {
		debug.SetMemoryLimit(memoryLimit)
	}
	if getenv("GOGC") == "" {
		if ownLimit {
			debug.SetGCPercent(-1)
		} else {
			debug.SetGCPercent(gcPercent)
		}
	}
}

func runRules(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	doc := fs.Bool("doc", false, "print the Markdown rule reference (docs/rules.md)")
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if *doc {
		if err := rules.WriteDoc(stdout, rules.All); err != nil {
			fmt.Fprintf(stderr, "reviewbot: write rule reference: %s\n", oneLine(err))
			return ExitError
		}
		return ExitClean
	}
	for _, r := range rules.All {
		fmt.Fprintf(stdout, "%-26s %-8s %s\n", r.ID, r.Severity, r.Parts().Summary)
	}
	return ExitClean
}

func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitClean
	}
	return ExitError
}

// oneLine keeps an error message on one line, as workflow logs and
// actionlint-style output expect.
func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}
