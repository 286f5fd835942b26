package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/reviewbot/reviewbot/review"
)

// parseInterleaved parses flags anywhere among the arguments, as
// `reviewbot check x.diff --format json` expects; the flag package alone
// stops at the first argument that is not a flag. After "--" every argument
// is positional.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// checkGitRange accepts only BASE...HEAD with both revisions: the
// three-dot form is what a pull request shows (the changes on HEAD since it
// left BASE). Two dots would also show what BASE gained meanwhile, reverted;
// a single revision diffs against the working tree.
func checkGitRange(spec string) error {
	const what = "give BASE...HEAD, both revisions with three dots between them (e.g. origin/main...HEAD)"
	if strings.HasPrefix(spec, "-") {
		return fmt.Errorf("%q starts with '-': %s, not options", spec, what)
	}
	base, head, ok := strings.Cut(spec, "...")
	switch {
	case !ok && strings.Contains(spec, ".."):
		return fmt.Errorf("%q is a two-dot range, which also shows what BASE gained since HEAD left it: %s", spec, what)
	case !ok:
		return fmt.Errorf("%q is a single revision, which diffs against the working tree: %s", spec, what)
	case base == "" || head == "":
		return fmt.Errorf("%q leaves out a revision: %s", spec, what)
	case strings.Contains(head, "..") || strings.Contains(base, ".."):
		return fmt.Errorf("%q holds more than one range: %s", spec, what)
	case strings.ContainsAny(spec, " \t"):
		return fmt.Errorf("%q holds spaces: %s", spec, what)
	}
	return nil
}

// statter is what *os.File offers to tell a terminal from a pipe.
type statter interface {
	Stat() (os.FileInfo, error)
}

// isTerminal reports whether r is a terminal: a character device other
// than the null device (which CI jobs often give as standard input).
func isTerminal(r io.Reader) bool {
	s, ok := r.(statter)
	if !ok {
		return false
	}
	st, err := s.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}

const inputHelp = "give a unified diff file, - for stdin, or --git BASE...HEAD"

// diffInput says where the diff to review comes from: a file, standard
// input or git. done closes the file; describe words a change error of
// review.Load as the input it came from. An input that holds no change at
// all is an error: a review of nothing would pass silently.
func diffInput(args []string, gitRange string, stdin io.Reader, stderr io.Writer) (in review.Input, describe func(error) error, done func(), err error) {
	done = func() {}
	describe = func(err error) error { return err }
	switch {
	case gitRange != "" && len(args) > 0:
		return in, describe, done, fmt.Errorf("give either a diff file or --git BASE...HEAD, not both")
	case gitRange != "":
		if err := checkGitRange(gitRange); err != nil {
			return in, describe, done, fmt.Errorf("--git %w", err)
		}
		in.GitDir, in.GitRange = ".", gitRange
		return in, describe, done, nil
	case len(args) > 1:
		return in, describe, done, fmt.Errorf("more than one diff given (%s): review one diff at a time", strings.Join(args, " "))
	}
	in.DiffName, in.Diff = "standard input", stdin
	var fr *fileReader
	if len(args) == 1 && args[0] != "-" {
		in.DiffName = args[0]
		// The file goes to the parser as it is, which reads it once into
		// the text its lines are cut from (not os.ReadFile, then a copy).
		f, err := os.Open(in.DiffName)
		if err != nil {
			return in, describe, done, fmt.Errorf("read diff: %w: %s", err, inputHelp)
		}
		done = func() { f.Close() }
		fr = &fileReader{f: f}
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			fr.left = int(st.Size())
		}
		in.Diff = fr
	} else if isTerminal(stdin) {
		fmt.Fprintf(stderr, "reviewbot: reading a diff from the terminal (end with Ctrl-D); or %s\n", inputHelp)
	}
	describe = func(err error) error {
		if fr != nil && fr.err != nil {
			// As os.ReadFile said it ("read x: is a directory").
			return fmt.Errorf("read diff: %w: %s", fr.err, inputHelp)
		}
		if errors.Is(err, review.ErrEmptyDiff) {
			return fmt.Errorf("%w: %s", err, inputHelp)
		}
		return err
	}
	return in, describe, done, nil
}

// fileReader reads a diff file, saying how much of it is left (Len, which
// the parser sizes its text by) and keeping the first read error, which
// diffInput reports as a read error of the file.
type fileReader struct {
	f    *os.File
	left int
	err  error
}

// Read implements io.Reader.
func (r *fileReader) Read(p []byte) (int, error) {
	n, err := r.f.Read(p)
	r.left = max(0, r.left-n)
	if err != nil && err != io.EOF && r.err == nil {
		r.err = err
	}
	return n, err
}

// Len is the size of the file not yet read, or 0 when unknown.
func (r *fileReader) Len() int { return r.left }
