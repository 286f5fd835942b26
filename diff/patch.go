package diff

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/bluekeyes/go-gitdiff/gitdiff"
)

// patchHeader is put in front of a GitHub patch so go-gitdiff reads it as
// the hunks of one file; errors have their line numbers moved back past it.
const patchHeader = "diff --git a/f b/f\n"

// ParsePatch reads one file's `patch` string from GitHub's pull request
// files API: hunks only, starting at "@@", with no file headers and often no
// final newline. path is the file's name, previousPath its name before a
// rename or copy (GitHub's `previous_filename`), and status GitHub's status
// value (added, removed, modified, renamed, copied, changed, unchanged).
//
// Lines are numbered exactly as Parse numbers them. An empty patch (GitHub
// sends none for binary and very large files) gives a file with no hunks.
// A line outside any hunk is an error naming its line in patch.
func ParsePatch(path, previousPath, status, patch string) (*File, error) {
	if path == "" {
		return nil, errors.New("diff: patch has no file path")
	}
	f := &File{}
	switch status {
	case "added":
		f.Status, f.NewPath = Added, path
	case "removed":
		f.Status, f.OldPath = Removed, path
	case "modified", "changed", "unchanged":
		f.Status, f.OldPath, f.NewPath = Modified, path, path
	case "renamed", "copied":
		f.Status, f.OldPath, f.NewPath = Renamed, previousPath, path
		if status == "copied" {
			f.Status = Copied
		}
		if previousPath == "" {
			f.OldPath = path
		}
	default:
		return nil, fmt.Errorf("diff: %s: unknown file status %q (want added, removed, modified, renamed, copied, changed or unchanged)", path, status)
	}
	if patch == "" {
		return f, nil
	}
	hunks, err := parseHunks(patch, "patch of "+path+": ")
	if err != nil {
		return nil, err
	}
	f.Hunks = hunks
	return f, nil
}

// parseHunks parses a string of hunks with no file header.
// name prefixes the line number in errors.
func parseHunks(patch, name string) ([]Hunk, error) {
	if hunks, ok := fastPatch(patch); ok {
		return hunks, nil
	}
	return gitdiffHunks(patch, name)
}

// gitdiffHunks is parseHunks with go-gitdiff: every patch fastPatch
// declines, and the oracle FuzzFastPatch holds fastPatch to.
func gitdiffHunks(patch, name string) ([]Hunk, error) {
	lr := newLineReader(patchHeader+patch, true, 1)
	lr.name = name
	gfiles, _, err := gitdiff.Parse(lr)
	if lr.lintErr != nil && (err == nil || lr.lintLine <= gitdiffErrLine(err)) {
		return nil, lr.lintErr
	}
	if err != nil {
		return nil, lr.translateErr(err)
	}
	if len(gfiles) != 1 {
		// The strict line check rejects anything but hunks, so this is a
		// bug in this package, not in the input.
		return nil, fmt.Errorf("diff: %sread as %d files, want 1", name, len(gfiles))
	}
	hunks := make([]Hunk, 0, len(gfiles[0].TextFragments))
	for _, frag := range gfiles[0].TextFragments {
		hunks = append(hunks, convertFragment(frag, make([]Line, len(frag.Lines))))
	}
	return hunks, nil
}

// binarySniffLen is how much of a content Between looks at for a NUL byte,
// as git does to call a file binary.
const binarySniffLen = 8000

// Between computes the diff of one file from its old and new contents, with
// 3 lines of context, numbered as Parse numbers a git diff. The action uses
// it when GitHub leaves out the `patch` of a large file.
//
// Status is Modified and both paths are path: a caller that knows better
// (GitHub's status) sets them. A content with a NUL byte in its first 8000
// bytes makes a binary file with no hunks. Lines end at LF; one CR before
// it is dropped from Text, as Parse does. As in git, a last line that gains
// or loses its newline shows as changed.
//
// The edits come from github.com/aymanbagabas/go-udiff, the Go team's gopls
// diff (a Myers-style LCS, near-linear on the usual few-changes case). Its
// hunk grouping is used, but not its new-side start numbers: v0.4.1 gets
// them wrong after a hunk that joined nearby edits, so Between counts them.
func Between(path string, old, new []byte) (f *File, err error) {
	f = &File{OldPath: path, NewPath: path, Status: Modified}
	if isBinary(old) || isBinary(new) {
		f.Binary = true
		return f, nil
	}
	defer func() {
		// go-udiff panics on what it takes for its own bugs; report them.
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("diff: diff %s: %v", path, r)
		}
	}()
	oldText := string(old)
	edits := udiff.Lines(oldText, string(new))
	if len(edits) == 0 {
		return f, nil
	}
	u, err := udiff.ToUnifiedDiff("a/"+path, "b/"+path, oldText, edits, udiff.DefaultContextLines)
	if err != nil {
		return nil, fmt.Errorf("diff: diff %s: %w", path, err)
	}
	f.Hunks = make([]Hunk, 0, len(u.Hunks))
	delta := 0 // new line number minus old line number past the hunks so far
	for _, uh := range u.Hunks {
		h := Hunk{OldStart: uh.FromLine, NewStart: uh.FromLine + delta, Lines: make([]Line, 0, len(uh.Lines))}
		oldN, newN := h.OldStart, h.NewStart
		for _, ul := range uh.Lines {
			l := Line{Text: strings.TrimSuffix(strings.TrimSuffix(ul.Content, "\n"), "\r")}
			switch ul.Kind {
			case udiff.Delete:
				l.Op, l.OldLine = Delete, oldN
				oldN++
				h.OldLines++
			case udiff.Insert:
				l.Op, l.NewLine = Add, newN
				newN++
				h.NewLines++
			default:
				l.Op, l.OldLine, l.NewLine = Context, oldN, newN
				oldN++
				newN++
				h.OldLines++
				h.NewLines++
			}
			h.Lines = append(h.Lines, l)
		}
		delta += h.NewLines - h.OldLines
		// An empty side names the line before it, as git writes "-0,0".
		if h.OldLines == 0 {
			h.OldStart--
		}
		if h.NewLines == 0 {
			h.NewStart--
		}
		f.Hunks = append(f.Hunks, h)
	}
	return f, nil
}

// isBinary reports whether b looks binary to git: a NUL byte near its start.
func isBinary(b []byte) bool {
	return bytes.IndexByte(b[:min(len(b), binarySniffLen)], 0) >= 0
}
