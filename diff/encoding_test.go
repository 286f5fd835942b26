package diff

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"
)

const encSample = "diff --git a/src/mtls/A.cs b/src/mtls/A.cs\n--- a/src/mtls/A.cs\n+++ b/src/mtls/A.cs\n@@ -1 +1,2 @@\n class A {}\n+// é ✓\n"

func utf16Bytes(s string, order binary.ByteOrder, bom bool) []byte {
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	out := make([]byte, 2*len(units))
	for i, u := range units {
		order.PutUint16(out[2*i:], u)
	}
	return out
}

// TestParseEncodings pins what Windows shells write: a UTF-8 byte order
// mark is dropped (it once turned the first path into "b/src/..."), UTF-16
// with a byte order mark (PowerShell 5.1's `>`) is decoded, and UTF-16
// without one is refused naming the encoding.
func TestParseEncodings(t *testing.T) {
	want := []wantFile{{old: "src/mtls/A.cs", new: "src/mtls/A.cs", status: Modified, hunks: 1,
		lines: []string{"  1 1 class A {}", "+ 0 2 // é ✓"}}}
	for _, tt := range []struct {
		name string
		in   []byte
	}{
		{"UTF-8", []byte(encSample)},
		{"UTF-8 with BOM", append([]byte{0xEF, 0xBB, 0xBF}, encSample...)},
		{"UTF-8 with BOM, CRLF", append([]byte{0xEF, 0xBB, 0xBF}, strings.ReplaceAll(encSample, "\n", "\r\n")...)},
		{"UTF-16LE with BOM", utf16Bytes(encSample, binary.LittleEndian, true)},
		{"UTF-16BE with BOM", utf16Bytes(encSample, binary.BigEndian, true)},
		{"UTF-16LE with BOM, CRLF", utf16Bytes(strings.ReplaceAll(encSample, "\n", "\r\n"), binary.LittleEndian, true)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, err := Parse(bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkFiles(t, files, want)
		})
	}
	for _, tt := range []struct {
		name string
		in   []byte
		want string
	}{
		{"UTF-16LE without BOM", utf16Bytes(encSample, binary.LittleEndian, false), "UTF-16 without a byte order mark: convert it to UTF-8"},
		{"UTF-16BE without BOM", utf16Bytes(encSample, binary.BigEndian, false), "UTF-16 without a byte order mark"},
		{"UTF-16LE cut short", utf16Bytes(encSample, binary.LittleEndian, true)[:11], "UTF-16LE (byte order mark) but has an odd number of bytes"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(bytes.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "diff: ") {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}
