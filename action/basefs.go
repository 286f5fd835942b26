package action

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"
)

// baseFS is one commit of the repository (the PR's base) as a read-only
// fs.FS, for the guidance loader. The directory structure comes from one
// recursive tree listing, fetched the first time it is needed; a file's
// content comes from the contents API at that commit, at most limit bytes.
// A named file costs one request and no listing. It reads no other commit,
// so a PR cannot weaken the guidance its own review uses.
type baseFS struct {
	ctx   context.Context
	g     *ghRepo
	sha   string
	limit int64

	listed bool
	// listErr is why the listing failed: it is not asked for again.
	listErr error
	// truncated is set when GitHub cut the listing short: a glob may have
	// missed files.
	truncated bool
	// dirs maps each directory of the listing ("." the root) to its
	// children: a subdirectory's size is -1, a file's its size.
	dirs map[string]map[string]int64
	// data holds the contents fetched; absent the names the contents API
	// answered with a 404 or a directory listing.
	data   map[string][]byte
	absent map[string]bool
}

func newBaseFS(ctx context.Context, g *ghRepo, sha string, limit int64) *baseFS {
	return &baseFS{ctx: ctx, g: g, sha: sha, limit: limit, data: map[string][]byte{}, absent: map[string]bool{}}
}

// Open opens a file (its content fetched) or a directory of the commit.
// A missing name is fs.ErrNotExist; a file over the limit fails with
// errTooLarge.
func (b *baseFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if d, ok := b.data[name]; ok {
		return &baseFile{info: fileInfo{name: path.Base(name), size: int64(len(d))}, r: bytes.NewReader(d)}, nil
	}
	if !b.listed && name != "." {
		// A named file: try its content before listing the whole tree.
		if f, err := b.fetch(name); f != nil || err != nil {
			return f, err
		}
	}
	if err := b.list(); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	if kids, ok := b.dirs[name]; ok {
		return &baseDir{info: fileInfo{name: path.Base(name), dir: true}, ents: dirEntries(kids)}, nil
	}
	if _, listed := b.dirs[path.Dir(name)][path.Base(name)]; listed || b.truncated {
		// A file of the listing, or perhaps one a truncated listing left
		// out.
		if f, err := b.fetch(name); f != nil || err != nil {
			return f, err
		}
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// fetch returns name's content as a file, or nil and no error when the
// contents API has no file there (a 404 or a directory).
func (b *baseFS) fetch(name string) (fs.File, error) {
	if b.absent[name] {
		return nil, nil
	}
	data, found, isDir, err := b.g.getRaw(b.ctx, name, b.sha, b.limit)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	if !found || isDir {
		b.absent[name] = true
		return nil, nil
	}
	b.data[name] = data
	return &baseFile{info: fileInfo{name: path.Base(name), size: int64(len(data))}, r: bytes.NewReader(data)}, nil
}

// list fetches the tree listing once.
func (b *baseFS) list() error {
	if b.listed || b.listErr != nil {
		return b.listErr
	}
	blobs, truncated, err := b.g.getTree(b.ctx, b.sha)
	if err != nil {
		b.listErr = err
		return err
	}
	b.listed, b.truncated = true, truncated
	b.dirs = map[string]map[string]int64{".": {}}
	for _, bl := range blobs {
		p, size := bl.Path, bl.Size
		for p != "." {
			dir := path.Dir(p)
			if b.dirs[dir] == nil {
				b.dirs[dir] = map[string]int64{}
			}
			b.dirs[dir][path.Base(p)] = size
			p, size = dir, -1
		}
	}
	return nil
}

// ReadDir lists a directory of the commit, sorted by name.
func (b *baseFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	if err := b.list(); err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	kids, ok := b.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return dirEntries(kids), nil
}

func dirEntries(kids map[string]int64) []fs.DirEntry {
	out := make([]fs.DirEntry, 0, len(kids))
	for n, size := range kids {
		out = append(out, fs.FileInfoToDirEntry(fileInfo{name: n, size: max(size, 0), dir: size < 0}))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out
}

// fileInfo describes a file or directory of the commit.
type fileInfo struct {
	name string
	size int64
	dir  bool
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.dir }
func (i fileInfo) Sys() any           { return nil }
func (i fileInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

// baseFile is an open file of the commit.
type baseFile struct {
	info fileInfo
	r    *bytes.Reader
}

func (f *baseFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *baseFile) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *baseFile) Close() error               { return nil }

// baseDir is an open directory of the commit.
type baseDir struct {
	info fileInfo
	ents []fs.DirEntry
	off  int
}

func (d *baseDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *baseDir) Close() error               { return nil }
func (d *baseDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errIsDir}
}

// ReadDir returns the next n entries, or all the rest when n <= 0.
func (d *baseDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.ents[d.off:]
	if n <= 0 {
		d.off = len(d.ents)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
