package prefilter

import (
	"os"
	"reflect"
	"testing"
)

// TestGuardTable holds every entry of the generated guard table to the
// guard read off its parsed expression, so that a table entry can make a
// run faster but never answer otherwise, and keeps it sorted for
// tableGuard's search.
func TestGuardTable(t *testing.T) {
	if len(guardTable) == 0 {
		t.Fatal("guardTable is empty: run go test ./internal/cli -run TestGuardTable -update")
	}
	for i, e := range guardTable {
		if i > 0 && guardTable[i-1].expr >= e.expr {
			t.Errorf("guardTable[%d] %q is not after %q: run go test ./internal/cli -run TestGuardTable -update", i, e.expr, guardTable[i-1].expr)
		}
		want, err := readGuard(e.expr)
		if err != nil {
			t.Errorf("guardTable holds %q, which does not parse: %v", e.expr, err)
			continue
		}
		if !reflect.DeepEqual(e.g, want) {
			t.Errorf("guardTable[%q] = %+v, but the expression's guard is %+v: run go test ./internal/cli -run TestGuardTable -update", e.expr, e.g, want)
		}
		if got, ok := tableGuard(e.expr); !ok || !reflect.DeepEqual(got, want) {
			t.Errorf("tableGuard(%q) = %+v, %v; want the table's entry", e.expr, got, ok)
		}
	}
	if _, ok := tableGuard(`no such (expression`); ok {
		t.Error("tableGuard found an expression the table does not hold")
	}
}

// TestGuardTableSource: guardtable.go is what the generator writes for
// the table's entries, so the file is generated, not edited by hand.
func TestGuardTableSource(t *testing.T) {
	want, err := guardTableSource(guardTable)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("guardtable.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("guardtable.go differs from what the generator writes for its entries: run go test ./internal/cli -run TestGuardTable -update")
	}
}

// TestGuardFromTable: a Regexp whose expression the table holds takes its
// guard from the table, without reading its own: a made-up entry answers.
func TestGuardFromTable(t *testing.T) {
	saved := guardTable
	t.Cleanup(func() { guardTable = saved })
	guardTable = []guardEntry{{expr: "abc", g: guard{guarded: true, lits: []lit{{s: "zzz"}}}}}
	r := &Regexp{expr: "abc"}
	if r.MayMatch("abc") || !r.MayMatch("a zzz") {
		t.Errorf("MayMatch(abc) = %v, MayMatch(a zzz) = %v: want the table's guard, zzz", r.MayMatch("abc"), r.MayMatch("a zzz"))
	}
	other := &Regexp{expr: "abd"}
	if !other.MayMatch("abd") {
		t.Error("an expression the table does not hold lost its own guard")
	}
}
