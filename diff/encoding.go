package diff

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// errUTF16NoBOM is returned for input that looks like UTF-16 but has no byte
// order mark to say which byte order.
var errUTF16NoBOM = errors.New("input looks like UTF-16 without a byte order mark: convert it to UTF-8 (git diff > x.diff in Git Bash, or Out-File -Encoding utf8 in PowerShell)")

// toUTF8 returns the diff text as UTF-8. A UTF-8 byte order mark is dropped
// (otherwise it would glue itself to the first header and turn the first
// path into "b/..."). UTF-16 with a byte order mark, little- or big-endian,
// which Windows PowerShell 5.1's `>` writes, is decoded; UTF-16 without a
// byte order mark is refused with a message naming the encoding.
//
// Plain UTF-8 input is returned as it is, without a copy.
func toUTF8(s string) (string, error) {
	switch {
	case strings.HasPrefix(s, "\xEF\xBB\xBF"):
		return s[3:], nil
	case strings.HasPrefix(s, "\xFF\xFE"):
		return decodeUTF16(s, unicode.LittleEndian, "UTF-16LE")
	case strings.HasPrefix(s, "\xFE\xFF"):
		return decodeUTF16(s, unicode.BigEndian, "UTF-16BE")
	case looksUTF16(s):
		return "", errUTF16NoBOM
	}
	return s, nil
}

func decodeUTF16(s string, order unicode.Endianness, name string) (string, error) {
	if len(s)%2 != 0 {
		return "", fmt.Errorf("input is %s (byte order mark) but has an odd number of bytes, so it is cut short: write the diff again", name)
	}
	out, err := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder().String(s)
	if err != nil {
		return "", fmt.Errorf("decode %s input: %w: convert it to UTF-8", name, err)
	}
	return out, nil
}

// looksUTF16 reports whether b starts with ASCII characters each padded
// with a zero byte, as UTF-16 without a byte order mark is. Valid UTF-8
// text has no zero bytes there.
func looksUTF16(b string) bool {
	if len(b) < 4 {
		return false
	}
	le := b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0
	be := b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0
	return (le || be) && b[0] < utf8.RuneSelf && b[1] < utf8.RuneSelf
}
