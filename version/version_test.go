package version

import "testing"

func TestString(t *testing.T) {
	old := tag
	defer func() { tag = old }()
	tag = "v1.2.3"
	if got := String(); got != "v1.2.3" {
		t.Fatalf("String() = %q with the tag set, want v1.2.3", got)
	}
	tag = ""
	if got := String(); got == "" {
		t.Fatal("String() is empty without a tag")
	}
}
