package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/review"
	. "github.com/reviewbot/reviewbot/rules"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/internal/difftest"
)

// The fixture harness. Every file under testdata/<rule-id>/ ending in .cs
// or .md is reviewed as a change by ALL rules in All:
//
//   - without a sibling "<name>.before" it is a newly added file;
//   - with one, it is the new side of a modification of that file (diffed
//     by diff.Between with git's three lines of context), and only the
//     lines the diff adds may get findings.
//
// Directives, in the first five lines, as comments of the file's kind:
//
//	// path: tests/Foo/MtlsPopTests.cs     (or <!-- path: docs/x.md -->)
//	// flow: fic                           (vanilla, fic, both, none)
//
// Directive lines read as empty lines to the rules, so line numbers stay
// those of the fixture file. The path defaults to the fixture's file name,
// the flow to flow.None (a
// change the engine found no mTLS PoP flow in), so flow-dependent rules must
// be given a flow explicitly.
//
// A line expecting findings carries `// want "regexp" ["regexp"...]` (in
// Markdown also `<!-- want "regexp" -->`); a regexp may be a Go string
// literal, interpreted ("...") or raw (backquoted); a quoted text that is
// no valid Go literal ("\(") is taken as the regexp as written. Each regexp must match one
// finding on that line, written as "rule-id: message"; every finding must
// be matched by a want on its line. The harness never special-cases a rule.

var (
	wantRe      = regexp.MustCompile(`(?://|<!--)\s*want((?:\s+(?:"(?:[^"\\]|\\.)*"|` + "`[^`]*`" + `))+)`)
	wantArgRe   = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|` + "`[^`]*`")
	directiveRe = regexp.MustCompile(`^\s*(?://|<!--)\s*(path|flow):\s*(\S+)\s*(?:-->)?\s*$`)
)

type fixture struct {
	name   string // path under testdata
	path   string // path the change has
	fl     flow.Flow
	after  []string
	before []string // nil for an added file
	wants  map[int][]*regexp.Regexp
}

func loadFixture(t *testing.T, root, name string) fixture {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	fx := fixture{name: name, path: filepath.Base(name), fl: flow.None, after: difftest.Lines(string(b)), wants: map[int][]*regexp.Regexp{}}
	if bb, err := os.ReadFile(filepath.Join(root, name+".before")); err == nil {
		fx.before = difftest.Lines(string(bb))
		if fx.before == nil {
			fx.before = []string{}
		}
		for i := 0; i < len(fx.before) && i < 5; i++ {
			if directiveRe.MatchString(fx.before[i]) {
				fx.before[i] = ""
			}
		}
	}
	for i, l := range fx.after {
		if i < 5 {
			if m := directiveRe.FindStringSubmatch(l); m != nil {
				switch m[1] {
				case "path":
					fx.path = m[2]
				case "flow":
					f, err := flow.Parse(m[2])
					if err != nil {
						t.Fatalf("%s:%d: %v", name, i+1, err)
					}
					fx.fl = f
				}
				// The rules see an empty line: a directive is the
				// harness's, not the fixture's content.
				fx.after[i] = ""
				continue
			}
		}
		m := wantRe.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		for _, q := range wantArgRe.FindAllString(m[1], -1) {
			s, err := strconv.Unquote(q)
			if err != nil {
				// Not a valid Go literal ("\(" is no Go escape): read the
				// text between the quotes as the regexp itself.
				s = strings.ReplaceAll(q[1:len(q)-1], `\"`, `"`)
			}
			re, err := regexp.Compile(s)
			if err != nil {
				t.Fatalf("%s:%d: bad want regexp %q: %v", name, i+1, s, err)
			}
			fx.wants[i+1] = append(fx.wants[i+1], re)
		}
	}
	return fx
}

// file returns the change the fixture stands for: an added file, or the
// diff (three lines of context, as git makes it) from its .before sibling.
func (fx fixture) file(t *testing.T) *diff.File {
	t.Helper()
	if fx.before == nil {
		return difftest.Added(fx.path, fx.after...)
	}
	f, err := diff.Between(fx.path, []byte(strings.Join(fx.before, "\n")+"\n"), []byte(strings.Join(fx.after, "\n")+"\n"))
	if err != nil {
		t.Fatalf("%s: %v", fx.name, err)
	}
	return f
}

func fixtureNames(t *testing.T, root string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch filepath.Ext(p) {
		case ".cs", ".md":
			rel, err := filepath.Rel(root, p)
			if err != nil {
				return err
			}
			names = append(names, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", root, err)
	}
	return names
}

func describe(f Finding) string { return f.Rule + ": " + f.Message }

// TestFixtures runs every rule on every fixture and checks findings
// against the want markers both ways.
func TestFixtures(t *testing.T) {
	root := "testdata"
	names := fixtureNames(t, root)
	if len(names) == 0 {
		t.Fatal("no fixtures under testdata")
	}
	for _, name := range names {
		t.Run(filepath.ToSlash(name), func(t *testing.T) {
			fx := loadFixture(t, root, name)
			src := []byte(strings.Join(fx.after, "\n") + "\n")
			f := fx.file(t)
			got := review.Check(All, f, src, fx.fl, []*diff.File{f})
			v := NewView(&Pass{File: f, Source: src})
			matched := map[*regexp.Regexp]bool{}
			for _, fd := range got {
				if fd.Path != fx.path {
					t.Errorf("%s:%d: finding has path %q, want %q", name, fd.Line, fd.Path, fx.path)
				}
				if Redact(fd.Message) != fd.Message || Redact(fd.Excerpt) != fd.Excerpt {
					t.Errorf("%s:%d: finding quotes something secret-shaped: %q / %q", name, fd.Line, fd.Message, fd.Excerpt)
				}
				if !v.Added(fd.Line) {
					t.Errorf("%s:%d: finding on a line the change did not add", name, fd.Line)
				}
				ok := false
				for _, re := range fx.wants[fd.Line] {
					if re.MatchString(describe(fd)) {
						matched[re] = true
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s:%d: unexpected finding %s", name, fd.Line, describe(fd))
				}
			}
			for line, res := range fx.wants {
				for _, re := range res {
					if !matched[re] {
						t.Errorf("%s:%d: no finding matched %q", name, line, re)
					}
				}
			}

			// The same change without the whole file: rules know only the
			// hunks, and must not turn that into noise. Every finding here
			// must be one of the above.
			less := review.Check(All, f, nil, fx.fl, []*diff.File{f})
			have := map[string]bool{}
			for _, fd := range got {
				have[fmt.Sprintf("%d %s", fd.Line, describe(fd))] = true
			}
			for _, fd := range less {
				if !have[fmt.Sprintf("%d %s", fd.Line, describe(fd))] {
					t.Errorf("%s:%d: hunks-only run found %s, not found with the whole file", name, fd.Line, describe(fd))
				}
			}
		})
	}
}

// TestFixturesCoverRules checks that every rule has a fixture directory
// with at least one finding expected: a rule nobody has seen fire is not
// tested.
func TestFixturesCoverRules(t *testing.T) {
	for _, r := range All {
		dir := filepath.Join("testdata", r.ID)
		names := fixtureNames(t, dir)
		wants := 0
		for _, n := range names {
			fx := loadFixture(t, dir, n)
			for _, res := range fx.wants {
				for _, re := range res {
					if strings.Contains(re.String(), r.ID) {
						wants++
					}
				}
			}
		}
		if wants == 0 {
			t.Errorf("rule %s: no fixture under %s expects a finding naming %q", r.ID, dir, r.ID)
		}
	}
}

var ruleIDRe = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// TestRegistry checks every rule's metadata: a unique kebab-case ID, a
// severity, topics (but for bad-suppression), and a Doc whose first line is a short summary followed
// by why and "Bad:"/"Good:" examples for docs/rules.md.
func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	for i, r := range All {
		if r == nil {
			t.Fatalf("All[%d] is nil", i)
		}
		if !ruleIDRe.MatchString(r.ID) {
			t.Errorf("rule %q: ID is not kebab-case", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("rule %q registered twice", r.ID)
		}
		seen[r.ID] = true
		if ByID(r.ID) != r {
			t.Errorf("ByID(%q) does not return the registered rule", r.ID)
		}
		if r.Severity < Notice || r.Severity > Error {
			t.Errorf("rule %s: severity %v", r.ID, r.Severity)
		}
		// bad-suppression checks reviewbot's own comments, which no item
		// of the guidance is about.
		if len(r.Topics) == 0 && r != BadSuppression {
			t.Errorf("rule %s: no checklist topics", r.ID)
		}
		if r.Check == nil {
			t.Errorf("rule %s: no Check", r.ID)
		}
		first, rest, _ := strings.Cut(r.Doc, "\n")
		if first == "" || len(first) > 100 || strings.HasSuffix(first, ".") == false && !strings.HasSuffix(first, ")") {
			t.Errorf("rule %s: Doc's first line %q is not a short sentence", r.ID, first)
		}
		if !strings.Contains(rest, "Bad:") || !strings.Contains(rest, "Good:") {
			t.Errorf("rule %s: Doc has no Bad:/Good: examples", r.ID)
		}
	}
	if ByID("no-such-rule") != nil {
		t.Error("ByID of an unknown ID is not nil")
	}
}
