package checklist

import "testing"

func BenchmarkParseDefault(b *testing.B) {
	for b.Loop() {
		if _, err := Parse("d.md", defaultGuidance); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseSeed(b *testing.B) {
	data := readShared(b, seedPath)
	for b.Loop() {
		if _, err := Parse("seed.md", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDefault(b *testing.B) {
	for b.Loop() {
		Default()
	}
}
