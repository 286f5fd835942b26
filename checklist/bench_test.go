package checklist

import "testing"

func BenchmarkParseDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("d.md", defaultGuidance); err != nil {
			b.Fatal(err)
		}
	}
}
