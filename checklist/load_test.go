package checklist

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// failFS fails every operation on the names in bad with errBroken.
type failFS struct {
	fs.FS
	bad map[string]bool
}

var errBroken = errors.New("disk on fire")

func (f failFS) Open(name string) (fs.File, error) {
	if f.bad[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errBroken}
	}
	return f.FS.Open(name)
}

func TestLoadFS(t *testing.T) {
	mfs := fstest.MapFS{
		"g/b-general.md":        {Data: []byte(generalDoc)},
		"g/a-vanilla.MD":        {Data: []byte(vanillaDoc)},
		"g/notes.txt":           {Data: []byte("not guidance")},
		"g/sub/c.md":            {Data: []byte(ficDoc)},
		"deep/x/y/fic-extra.md": {Data: []byte(ficDoc)},
		"dir.md/inner.md":       {Data: []byte(generalDoc)},
		"bad/broken.md":         {Data: []byte("---\napplies_to: [\n---\n")},
		"empty/.keep":           {Data: nil},
		"big.md":                {Data: []byte(generalDoc + strings.Repeat("x", 200))},
	}
	cases := []struct {
		name    string
		fsys    fs.FS
		entries []string
		lim     Limits
		files   []string // the names read, in order
		op      string   // the failing LoadError's Op, when it fails
		is      error    // what the error wraps
		msg     string   // the error's whole text
	}{
		{name: "file", entries: []string{"g/b-general.md"}, files: []string{"g/b-general.md"}},
		{name: "directory: its *.md (any case), sorted, not its subdirectories", entries: []string{"g"},
			files: []string{"g/a-vanilla.MD", "g/b-general.md"}},
		{name: "doublestar glob, sorted", entries: []string{"**/*-*.md"}, files: []string{"deep/x/y/fic-extra.md", "g/b-general.md"}},
		{name: "glob matches files only", entries: []string{"dir*"}, op: "expand", is: ErrNoMatch, msg: "guidance dir*: no file matches this glob"},
		{name: "glob in a subtree", entries: []string{"deep/**/*.md"}, files: []string{"deep/x/y/fic-extra.md"}},
		{name: "entries in order, a file named twice read once", entries: []string{"g/sub/c.md", "g/*.md", "g"},
			files: []string{"g/sub/c.md", "g/b-general.md", "g/a-vanilla.MD"}},
		{name: "missing file", entries: []string{"nope.md"}, op: "expand", is: fs.ErrNotExist, msg: "guidance nope.md: open nope.md: file does not exist"},
		{name: "glob matching nothing", entries: []string{"g/*.none"}, op: "expand", is: ErrNoMatch, msg: "guidance g/*.none: no file matches this glob"},
		{name: "bad glob", entries: []string{"g/[a-.md"}, op: "expand", is: ErrBadGlob, msg: "guidance g/[a-.md: not a valid glob: fix its brackets or braces"},
		{name: "empty directory", entries: []string{"empty"}, op: "expand", is: ErrEmptyDir, msg: "guidance directory empty: no *.md file in it"},
		{name: "unparsable document names the file", entries: []string{"g/b-general.md", "bad/broken.md"}, op: "parse",
			msg: "guidance bad/broken.md:3: invalid YAML front matter: line 3: did not find expected node content"},
		{name: "unreadable document", fsys: failFS{mfs, map[string]bool{"g/b-general.md": true}}, entries: []string{"g"}, op: "read", is: errBroken,
			msg: "read guidance g/b-general.md: open g/b-general.md: disk on fire"},
		{name: "a glob's unlistable directory is an error, not no match", fsys: failFS{mfs, map[string]bool{"deep/x": true}}, entries: []string{"deep/**/*.md"},
			op: "expand", is: errBroken, msg: "guidance glob deep/**/*.md: open deep/x: disk on fire"},
		{name: "too many files", entries: []string{"g", "deep/**/*.md"}, lim: Limits{MaxFiles: 2}, op: "expand", is: ErrTooMany,
			msg: "guidance g, deep/**/*.md: 3 files: name at most 2"},
		{name: "within the file limit", entries: []string{"g"}, lim: Limits{MaxFiles: 2}, files: []string{"g/a-vanilla.MD", "g/b-general.md"}},
		{name: "too large", entries: []string{"g/b-general.md", "big.md"}, lim: Limits{MaxBytes: int64(len(generalDoc) + 199)}, op: "read", is: ErrTooLarge,
			msg: "guidance big.md is larger than " + strconv.Itoa(len(generalDoc)+199) + " bytes: split it"},
		{name: "at the byte limit", entries: []string{"big.md"}, lim: Limits{MaxBytes: int64(len(generalDoc) + 200)}, files: []string{"big.md"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := c.fsys
			if fsys == nil {
				fsys = mfs
			}
			g, files, err := LoadFS(fsys, c.entries, c.lim)
			if c.op != "" {
				var le *LoadError
				if !errors.As(err, &le) {
					t.Fatalf("error %v (%T), want a *LoadError", err, err)
				}
				if le.Op != c.op {
					t.Errorf("Op %q, want %q", le.Op, c.op)
				}
				if c.is != nil && !errors.Is(err, c.is) {
					t.Errorf("error %v does not wrap %v", err, c.is)
				}
				if c.msg != "" && err.Error() != c.msg {
					t.Errorf("error %q, want %q", err, c.msg)
				}
				if le.Pattern == "" {
					t.Error("the error names no entry")
				}
				if c.op != "expand" && le.File == "" {
					t.Error("a read or parse error names no file")
				}
				if c.is == ErrTooMany && le.Files != 3 {
					t.Errorf("Files %d, want 3", le.Files)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(files, c.files) || !slices.Equal(g.Sources, c.files) {
				t.Errorf("read %q, sources %q; want %q", files, g.Sources, c.files)
			}
		})
	}
}

func TestLoadFSNoEntryIsDefault(t *testing.T) {
	g, files, err := LoadFS(fstest.MapFS{}, nil, Limits{MaxFiles: 1})
	if err != nil || files != nil || len(g.Sources) != 1 || g.Sources[0] != defaultName {
		t.Errorf("LoadFS(no entry) = %v, %q, %v; want the default guidance and no file", g.Sources, files, err)
	}
}

// Load takes the CLI's OS paths as given: relative with .., absolute, a
// directory or a glob; sources keep the names the user wrote.
func TestLoadOSPaths(t *testing.T) {
	dir := t.TempDir()
	for rel, body := range map[string]string{"g/b-general.md": generalDoc, "g/a-vanilla.md": vanillaDoc, "work/x.txt": ""} {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(filepath.Join(dir, "work"))
	abs := filepath.Join(dir, "g", "b-general.md")
	cases := []struct {
		paths, sources []string
	}{
		{[]string{"../g/b-general.md"}, []string{"../g/b-general.md"}},
		{[]string{"../g"}, []string{"../g/a-vanilla.md", "../g/b-general.md"}},
		{[]string{"../**/*general.md"}, []string{"../g/b-general.md"}},
		{[]string{abs}, []string{abs}},
		{[]string{filepath.Join(dir, "*", "a-*.md")}, []string{filepath.Join(dir, "g", "a-vanilla.md")}},
	}
	for _, c := range cases {
		g, err := Load(c.paths)
		if err != nil {
			t.Errorf("Load(%q): %v", c.paths, err)
			continue
		}
		if !slices.Equal(g.Sources, c.sources) {
			t.Errorf("Load(%q) sources %q, want %q", c.paths, g.Sources, c.sources)
		}
	}
	if _, err := Load([]string{"../nope.md"}); err == nil || err.Error() != "guidance ../nope.md: stat ../nope.md: no such file or directory" {
		t.Errorf("missing relative file: %v", err)
	}
}

// Any entry over any document fails, if it fails, with a *LoadError that
// names the entry; it never panics.
func FuzzLoadFS(f *testing.F) {
	f.Add("g/*.md", []byte(generalDoc))
	f.Add("g", []byte("---\napplies_to: [\n---\n"))
	f.Add("{g,h}/**/[a-z].md", []byte(""))
	f.Add("g/a.md", []byte(vanillaDoc))
	f.Fuzz(func(t *testing.T, entry string, data []byte) {
		mfs := fstest.MapFS{"g/a.md": {Data: data}, "g/b.txt": {Data: data}, "h/x/y.md": {Data: []byte(generalDoc)}}
		g, files, err := LoadFS(mfs, []string{entry}, Limits{MaxFiles: 2, MaxBytes: 1 << 16})
		if err != nil {
			var le *LoadError
			if !errors.As(err, &le) || le.Pattern != entry {
				t.Fatalf("LoadFS(%q): %v (%T), want a *LoadError naming the entry", entry, err, err)
			}
			return
		}
		if len(files) == 0 || len(g.Sources) != len(files) {
			t.Fatalf("LoadFS(%q) read %q, sources %q", entry, files, g.Sources)
		}
	})
}
