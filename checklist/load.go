package checklist

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// The reasons a guidance entry names no document LoadFS can read. A
// *LoadError wraps one of them, or the file system's error.
var (
	// ErrBadGlob: the entry is a glob with unbalanced brackets or braces.
	ErrBadGlob = errors.New("not a valid glob")
	// ErrNoMatch: the glob matches no file.
	ErrNoMatch = errors.New("no file matches this glob")
	// ErrEmptyDir: the directory holds no *.md file.
	ErrEmptyDir = errors.New("no *.md file in the directory")
	// ErrTooMany: the entries name more files than Limits.MaxFiles.
	ErrTooMany = errors.New("too many guidance files")
	// ErrTooLarge: a document is larger than Limits.MaxBytes. A file
	// system may also fail a read with an error that wraps it.
	ErrTooLarge = errors.New("guidance document too large")
)

// LoadError is why LoadFS failed: which entry, which of its files, and the
// cause. Its message is the one the CLI prints; a front end that reads
// guidance from elsewhere (the action, from the PR's base commit) words
// its own advice from the fields.
type LoadError struct {
	// Op is what failed: "expand" (turning the entry into files), "read"
	// or "parse".
	Op string
	// Pattern is the entry as given.
	Pattern string
	// File is the document that failed to read or parse, or "".
	File string
	// Files is how many files the entries named, for ErrTooMany.
	Files int
	// Err is the cause: one of the Err values above, the file system's
	// error (fs.ErrNotExist for a missing file) or the parse error.
	Err error
	msg string
}

// Error says which entry and file failed, and why.
func (e *LoadError) Error() string { return e.msg }

// Unwrap returns the cause.
func (e *LoadError) Unwrap() error { return e.Err }

// Limits bound what LoadFS reads; zero means no bound.
type Limits struct {
	// MaxFiles bounds how many documents all entries may name together.
	MaxFiles int
	// MaxBytes bounds one document.
	MaxBytes int64
}

// Load reads guidance documents from the operating system's file system
// and merges them in order, as LoadFS does. Paths are OS paths, relative
// to the working directory (.. allowed) or absolute. With no path Load
// returns Default().
func Load(paths []string) (*Guidance, error) {
	slashed := make([]string, len(paths))
	for i, p := range paths {
		slashed[i] = filepath.ToSlash(p)
	}
	g, _, err := LoadFS(osFS{}, slashed, Limits{})
	return g, err
}

// LoadFS reads the guidance documents the entries name in fsys and merges
// them in order. Each entry is a file; a directory (its *.md files,
// sorted); or, when it holds any of *?[{, a doublestar glob (its files,
// sorted). A file named twice is read once. It returns the merged
// guidance and the names of the files read. With no entry it returns
// Default() and no name.
//
// An entry that names nothing (a missing file, an empty directory, a glob
// that matches nothing or is not valid), more files than lim allows, and a
// file that cannot be read or parsed are each a *LoadError naming the
// entry or file.
func LoadFS(fsys fs.FS, entries []string, lim Limits) (*Guidance, []string, error) {
	if len(entries) == 0 {
		return Default(), nil, nil
	}
	var files, from []string
	seen := map[string]bool{}
	for _, e := range entries {
		names, err := expandFS(fsys, e)
		if err != nil {
			return nil, nil, err
		}
		for _, f := range names {
			if !seen[f] {
				seen[f] = true
				files = append(files, f)
				from = append(from, e)
			}
		}
	}
	if lim.MaxFiles > 0 && len(files) > lim.MaxFiles {
		return nil, nil, &LoadError{Op: "expand", Pattern: strings.Join(entries, ", "), Files: len(files), Err: ErrTooMany,
			msg: fmt.Sprintf("guidance %s: %d files: name at most %d", strings.Join(entries, ", "), len(files), lim.MaxFiles)}
	}
	gs := make([]*Guidance, 0, len(files))
	for i, f := range files {
		data, err := readFS(fsys, f, lim.MaxBytes)
		if errors.Is(err, ErrTooLarge) {
			return nil, nil, &LoadError{Op: "read", Pattern: from[i], File: f, Err: err,
				msg: fmt.Sprintf("guidance %s is larger than %d bytes: split it", f, lim.MaxBytes)}
		}
		if err != nil {
			return nil, nil, &LoadError{Op: "read", Pattern: from[i], File: f, Err: err, msg: fmt.Sprintf("read guidance %s: %v", f, err)}
		}
		g, err := Parse(f, data)
		if err != nil {
			return nil, nil, &LoadError{Op: "parse", Pattern: from[i], File: f, Err: err, msg: "guidance " + err.Error()}
		}
		gs = append(gs, g)
	}
	return Merge(gs...), files, nil
}

// expandFS turns one entry into the files it names, in the order they are
// read.
func expandFS(fsys fs.FS, e string) ([]string, error) {
	fail := func(err error, format string, args ...any) error {
		return &LoadError{Op: "expand", Pattern: e, Err: err, msg: fmt.Sprintf(format, args...)}
	}
	if strings.ContainsAny(e, "*?[{") {
		if !doublestar.ValidatePattern(e) {
			return nil, fail(ErrBadGlob, "guidance %s: not a valid glob: fix its brackets or braces", e)
		}
		// WithFailOnIOErrors: a directory the glob cannot list is an
		// error, not a silent "no match".
		out, err := doublestar.Glob(fsys, e, doublestar.WithFilesOnly(), doublestar.WithFailOnIOErrors())
		if err != nil {
			return nil, fail(err, "guidance glob %s: %v", e, err)
		}
		if len(out) == 0 {
			return nil, fail(ErrNoMatch, "guidance %s: no file matches this glob", e)
		}
		sort.Strings(out)
		return out, nil
	}
	st, err := fs.Stat(fsys, e)
	if err != nil {
		return nil, fail(err, "guidance %s: %v", e, err)
	}
	if !st.IsDir() {
		return []string{e}, nil
	}
	ents, err := fs.ReadDir(fsys, e)
	if err != nil {
		return nil, fail(err, "read guidance directory %s: %v", e, err)
	}
	var out []string
	for _, d := range ents {
		if !d.IsDir() && strings.EqualFold(path.Ext(d.Name()), ".md") {
			out = append(out, path.Join(e, d.Name()))
		}
	}
	if len(out) == 0 {
		return nil, fail(ErrEmptyDir, "guidance directory %s: no *.md file in it", e)
	}
	sort.Strings(out)
	return out, nil
}

// readFS reads one document, failing with ErrTooLarge past max bytes (no
// bound when max is 0) without reading more than max+1.
func readFS(fsys fs.FS, name string, max int64) ([]byte, error) {
	if max <= 0 {
		return fs.ReadFile(fsys, name)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > max {
		return nil, ErrTooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, ErrTooLarge
	}
	return data, nil
}

// osFS opens names as OS paths, relative to the working directory (with
// ..) or absolute: the CLI's --guidance paths, which os.DirFS refuses.
type osFS struct{}

func (osFS) Open(name string) (fs.File, error) { return os.Open(filepath.FromSlash(name)) }

func (osFS) Stat(name string) (fs.FileInfo, error) { return os.Stat(filepath.FromSlash(name)) }

func (osFS) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(filepath.FromSlash(name)) }
