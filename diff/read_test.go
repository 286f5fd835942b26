package diff

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// readWhole is what readText stands for: the whole input read, then
// toUTF8, then crlfToLF.
func readWhole(in string) (string, error) {
	text, err := toUTF8(in)
	if err != nil {
		return "", fmt.Errorf("diff: %w", err)
	}
	return crlfToLF(text), nil
}

// checkReadText fails when readText, fed in through any of the readers
// below (one byte a read, half a buffer a read, a bytes.Reader that says
// its Len), gives other text or another error than readWhole.
func checkReadText(t *testing.T, in string) {
	t.Helper()
	want, wantErr := readWhole(in)
	for name, r := range map[string]io.Reader{
		"bytes.Reader": bytes.NewReader([]byte(in)),
		"one byte":     iotest.OneByteReader(strings.NewReader(in)),
		"half":         iotest.HalfReader(strings.NewReader(in)),
		"data+EOF":     iotest.DataErrReader(strings.NewReader(in)),
	} {
		got, err := readText(r)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) || got != want {
			t.Fatalf("%s: readText(%q) = %q, %v; want %q, %v", name, in, got, err, want, wantErr)
		}
	}
}

func TestReadText(t *testing.T) {
	for _, in := range []string{
		"",
		"a",
		"\r",
		"\n",
		"\r\n",
		"\r\r\n",
		"\r\r",
		"ab\r\ncd\r\n",
		"ab\rcd\r",
		"\xEF\xBB\xBFdiff --git a/x b/x\r\n",
		"\xEF\xBB\xBF\r\n",
		"\xFF\xFEd\x00i\x00\r\x00\n\x00",
		"\xFE\xFF\x00d\x00i",
		"\xFF\xFEd",
		"d\x00i\x00f\x00",
		// Looks like UTF-16 only once its CR is gone: read as UTF-8, as
		// the whole would be.
		"A\x00\r\n\x00B",
		strings.Repeat("x\r", 40<<10) + "\n",
		strings.Repeat("y", 32<<10-1) + "\r\n" + strings.Repeat("z\r\n", 20<<10),
	} {
		checkReadText(t, in)
	}
}

// errAfter returns its data, then err.
type errAfter struct {
	data string
	err  error
}

func (e *errAfter) Read(p []byte) (int, error) {
	if e.data == "" {
		return 0, e.err
	}
	n := copy(p, e.data)
	e.data = e.data[n:]
	return n, nil
}

func TestReadTextError(t *testing.T) {
	for _, in := range []string{"", "ab", "abcdef", "\xFF\xFEd\x00"} {
		_, err := readText(&errAfter{in, io.ErrClosedPipe})
		if err == nil || err.Error() != "diff: read input: "+io.ErrClosedPipe.Error() {
			t.Errorf("readText(%q then an error) = %v, want the read error", in, err)
		}
	}
}

func FuzzReadText(f *testing.F) {
	for _, s := range []string{"", "\r\n", "a\r\rb\r\n", "\xEF\xBB\xBF\r\n", "\xFF\xFEa\x00", "A\x00\r\n\x00B"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		checkReadText(t, in)
	})
}

// lenReader says a Len that is not its size.
type lenReader struct {
	io.Reader
	n int
}

func (l lenReader) Len() int { return l.n }

// TestReadTextLenHint: Len only sizes the text: a reader that says less,
// nothing or a negative size is read whole all the same.
func TestReadTextLenHint(t *testing.T) {
	in := strings.Repeat("ab\r\n", 20<<10)
	want, _ := readWhole(in)
	for _, n := range []int{-1, 0, 3, len(in)} {
		got, err := readText(lenReader{strings.NewReader(in), n})
		if err != nil || got != want {
			t.Errorf("Len %d: readText gives %d bytes, %v; want %d bytes", n, len(got), err, len(want))
		}
	}
}

// statReader says, through Stat, that it is a regular file of size bytes.
type statReader struct {
	io.Reader
	size int64
}

func (s statReader) Stat() (fs.FileInfo, error) { return sizeInfo(s.size), nil }

// sizeInfo is the fs.FileInfo of a regular file of its size.
type sizeInfo int64

func (s sizeInfo) Name() string       { return "f" }
func (s sizeInfo) Size() int64        { return int64(s) }
func (s sizeInfo) Mode() fs.FileMode  { return 0o644 }
func (s sizeInfo) ModTime() time.Time { return time.Time{} }
func (s sizeInfo) IsDir() bool        { return false }
func (s sizeInfo) Sys() any           { return nil }

// TestReadTextStatHint: a reader that is a regular file (standard input
// redirected from one) sizes the text by its size, so that reading it
// allocates about its size once, not a text grown by doubling; a size that
// is wrong only sizes the text.
func TestReadTextStatHint(t *testing.T) {
	in := strings.Repeat("ab\r\ncd\n", 150<<10) // about 1 MB
	want, _ := readWhole(in)
	for _, n := range []int64{-1, 0, 3, int64(len(in)), 2 * int64(len(in))} {
		got, err := readText(statReader{strings.NewReader(in), n})
		if err != nil || got != want {
			t.Errorf("size %d: readText gives %d bytes, %v; want %d bytes", n, len(got), err, len(want))
		}
	}

	path := filepath.Join(t.TempDir(), "x.diff")
	if err := os.WriteFile(path, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	allocated := func(r io.Reader) uint64 {
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got, err := readText(r)
		runtime.ReadMemStats(&after)
		if err != nil || got != want {
			t.Fatalf("readText of %s gives %d bytes, %v; want %d bytes", path, len(got), err, len(want))
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	hinted := allocated(f)
	unhinted := allocated(struct{ io.Reader }{f})
	// The text (LF line ends) and the 32 KB read buffer, with room for
	// size classes.
	if limit := uint64(len(in)) + 64<<10; hinted > limit {
		t.Errorf("reading a %d-byte file allocates %d bytes, want at most %d (%d without the size hint)", len(in), hinted, limit, unhinted)
	}
	if hinted >= unhinted {
		t.Errorf("reading a %d-byte file allocates %d bytes with its size, %d without", len(in), hinted, unhinted)
	}
}
