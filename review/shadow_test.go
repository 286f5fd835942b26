package review

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/reviewbot/reviewbot/rules"
)

func TestDropShadowed(t *testing.T) {
	n := func(rule, path string, line int, sev rules.Severity) rules.Finding {
		return rules.Finding{Rule: rule, Path: path, Line: line, Severity: sev}
	}
	tests := []struct {
		name string
		in   []rules.Finding
		want []string
	}{
		{"a notice alone stays", []rules.Finding{n("ambiguous-pop", "a.cs", 3, rules.Notice)}, []string{"ambiguous-pop"}},
		{"a notice beside an error goes",
			[]rules.Finding{n("ambiguous-pop", "a.cs", 3, rules.Notice), n("pop-auth-scheme", "a.cs", 3, rules.Error)},
			[]string{"pop-auth-scheme"}},
		{"a notice beside a warning goes",
			[]rules.Finding{n("token-type", "a.md", 7, rules.Warning), n("ambiguous-pop", "a.md", 7, rules.Notice)},
			[]string{"token-type"}},
		{"a notice on another line stays",
			[]rules.Finding{n("ambiguous-pop", "a.cs", 4, rules.Notice), n("pop-auth-scheme", "a.cs", 3, rules.Error)},
			[]string{"ambiguous-pop", "pop-auth-scheme"}},
		{"a notice in another file stays",
			[]rules.Finding{n("ambiguous-pop", "b.cs", 3, rules.Notice), n("pop-auth-scheme", "a.cs", 3, rules.Error)},
			[]string{"ambiguous-pop", "pop-auth-scheme"}},
		{"file findings neither shadow nor are shadowed",
			[]rules.Finding{{Rule: "doc-when-to-use", Path: "a.md", Line: 1, Severity: rules.Notice, File: true}, {Rule: "doc-verification", Path: "a.md", Line: 1, Severity: rules.Warning, File: true}},
			[]string{"doc-when-to-use", "doc-verification"}},
		{"two notices on a line stay",
			[]rules.Finding{n("ambiguous-pop", "a.cs", 3, rules.Notice), n("doc-when-to-use", "a.cs", 3, rules.Notice)},
			[]string{"ambiguous-pop", "doc-when-to-use"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			kept, dropped := dropShadowed(tt.in)
			for _, f := range kept {
				got = append(got, f.Rule)
			}
			assert.Equal(t, tt.want, got)
			assert.Equal(t, len(tt.in), len(kept)+len(dropped), "every finding is kept or dropped")
		})
	}
}
