package checklist

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const generalDoc = `---
skill_name: general
applies_to:
  - "**/*mtls*/**"
tags: [msal]
---
## Pre-PR Verification Checklist
### Security Review
- [ ] No tokens logged
- [ ] No secrets hard-coded
`

const vanillaDoc = `---
skill_name: vanilla
applies_to:
  - "**/*Mtls*/**"
  - "**/*mtls*/**"
tags: [msal]
---
## Pre-PR Verification Checklist
### Security Review
- [ ] No tokens logged
- [ ] Tests assert the token type
`

const ficDoc = `---
skill_name: fic-by-tag
applies_to:
  - Label/Only
tags: [two-leg]
---
## Reviewer Expectations
### Must Have
- [ ] Leg 1 targets api://AzureADTokenExchange
`

func parseT(t *testing.T, name, doc string) *Guidance {
	t.Helper()
	g, err := Parse(name, []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestMerge(t *testing.T) {
	gen := parseT(t, "shared.md", generalDoc)
	van := parseT(t, "msal-mtls-pop-vanilla.md", vanillaDoc)
	fic := parseT(t, "extra.md", ficDoc)
	again := parseT(t, "again.md", generalDoc)
	m := Merge(gen, van, fic, again)

	if want := []string{"shared.md", "msal-mtls-pop-vanilla.md", "extra.md", "again.md"}; !slices.Equal(m.Sources, want) {
		t.Errorf("sources %q, want %q", m.Sources, want)
	}
	if m.SkillName != "general" {
		t.Errorf("skill name %q, want the first document's", m.SkillName)
	}
	if want := []string{"**/*mtls*/**", "**/*Mtls*/**"}; !slices.Equal(m.Globs, want) {
		t.Errorf("globs %q, want %q", m.Globs, want)
	}
	if want := []string{"Label/Only"}; !slices.Equal(m.Labels, want) {
		t.Errorf("labels %q, want %q", m.Labels, want)
	}
	if want := []string{"msal", "two-leg"}; !slices.Equal(m.Tags, want) {
		t.Errorf("tags %q, want %q", m.Tags, want)
	}
	// The general document alone feeds the checklist; its repeat adds nothing.
	if len(m.Checklist) != 1 || len(m.Checklist[0].Items) != 2 || m.Checklist[0].Items[0].Source != "shared.md" {
		t.Errorf("checklist %+v", m.Checklist)
	}
	// The vanilla document's checklist goes to the vanilla focus only, whole.
	v := m.Focus["vanilla"]
	if len(v) != 1 || len(v[0].Items) != 2 || v[0].Items[1].Text != "Tests assert the token type" {
		t.Errorf("vanilla focus %+v", v)
	}
	// The FIC document (by its tag) feeds the FIC focus, not "all".
	if f := m.Focus["fic"]; len(f) != 1 || f[0].Items[0].Source != "extra.md" {
		t.Errorf("fic focus %+v", f)
	}
	if _, ok := m.Focus["all"]; ok {
		t.Errorf("focus[all] %+v, want none", m.Focus["all"])
	}
	// Warnings of every document are kept (the label-only FIC one).
	if len(m.Warnings) != 1 || m.Warnings[0].Source != "extra.md" {
		t.Errorf("warnings %v", m.Warnings)
	}
	ids := map[string]bool{}
	for _, gs := range [][]Group{m.Checklist, m.Focus["vanilla"], m.Focus["fic"]} {
		for _, g := range gs {
			for _, it := range g.Items {
				if ids[it.ID] {
					t.Errorf("repeated ID %s", it.ID)
				}
				ids[it.ID] = true
			}
		}
	}
	if one := Merge(gen); len(one.Checklist[0].Items) != 2 || one.Checklist[0].Items[0].ID != gen.Checklist[0].Items[0].ID {
		t.Errorf("merging one document changed it: %+v", one.Checklist)
	}
}

func TestDocFlow(t *testing.T) {
	cases := []struct {
		source string
		tags   []string
		want   string
	}{
		{"guidance/msal-mtls-pop-vanilla.md", nil, "vanilla"},
		{"skills/msal-mtls-pop-fic-two-leg/SKILL.md", nil, "fic"},
		{"skills/shared/SKILL.md", []string{"fic"}, "fic"},
		{"specific-traffic.md", nil, ""},
		{"vanilla-and-fic.md", nil, ""},
		{"shared.md", []string{"msal", "mtls-pop"}, ""},
	}
	for _, c := range cases {
		g := &Guidance{Sources: []string{c.source}, Tags: c.tags}
		if got := docFlow(g); got != c.want {
			t.Errorf("docFlow(%s, %q) = %q, want %q", c.source, c.tags, got, c.want)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, body string) string {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := write("g/b-general.md", generalDoc)
	write("g/a-vanilla.md", vanillaDoc)
	write("g/notes.txt", "not guidance")
	bad := write("bad/broken.md", "---\napplies_to: [\n---\n")
	write("empty/.keep", "")

	cases := []struct {
		name    string
		paths   []string
		sources []string
		err     string
	}{
		{"file", []string{a}, []string{a}, ""},
		{"directory sorted, md only", []string{filepath.Join(dir, "g")}, []string{filepath.Join(dir, "g", "a-vanilla.md"), a}, ""},
		{"glob", []string{filepath.Join(dir, "**", "*general.md")}, []string{a}, ""},
		{"missing file", []string{filepath.Join(dir, "nope.md")}, nil, "guidance " + filepath.Join(dir, "nope.md") + ": stat"},
		{"glob matching nothing", []string{filepath.Join(dir, "*.none")}, nil, "no file matches this glob"},
		{"empty directory", []string{filepath.Join(dir, "empty")}, nil, "no *.md file in it"},
		{"parse error names the file", []string{a, bad}, nil, bad + ":3: invalid YAML front matter"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := Load(c.paths)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want it to contain %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(g.Sources, c.sources) {
				t.Errorf("sources %q, want %q", g.Sources, c.sources)
			}
		})
	}
	g, err := Load(nil)
	if err != nil || len(g.Sources) != 1 || g.Sources[0] != defaultName {
		t.Errorf("Load(nil) = %v, %v; want the default guidance", g.Sources, err)
	}
}

func TestLoadShared(t *testing.T) {
	readShared(t, seedPath)
	readShared(t, realPath)
	g, err := Load([]string{seedPath, filepath.Dir(realPath)})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Sources) != 2 || len(g.Checklist) != 8 || len(g.Focus["vanilla"]) != 1 || len(g.Focus["fic"]) != 1 {
		t.Errorf("merged seed and real variant: sources %q, %d checklist groups (want the seed's 5 and the real variant's 3), focus %d/%d", g.Sources, len(g.Checklist), len(g.Focus["vanilla"]), len(g.Focus["fic"]))
	}
	// The seed has globs, so the merge is scoped by them; the labels stay.
	if len(g.Globs) != 4 || len(g.Labels) != 3 {
		t.Errorf("globs %q labels %q", g.Globs, g.Labels)
	}
	if len(g.Warnings) != 1 || !strings.HasSuffix(g.Warnings[0].Message, "they scope nothing, so the other documents' globs are used") {
		t.Errorf("warnings %v, want the label warning saying the seed's globs are used", g.Warnings)
	}
}

func TestClone(t *testing.T) {
	g := Default()
	c := g.Clone()
	if !reflect.DeepEqual(g, c) {
		t.Fatal("clone differs from the original")
	}
	c.Checklist[0].Items[0].Topics = append(c.Checklist[0].Items[0].Topics[:0], TopicRegion)
	c.Focus["vanilla"][0].Items[0].Text = "changed"
	c.Flows[0].Characteristics[0] = "changed"
	c.Globs[0] = "changed"
	if reflect.DeepEqual(g, c) || g.Focus["vanilla"][0].Items[0].Text == "changed" || g.Flows[0].Characteristics[0] == "changed" || g.Globs[0] == "changed" {
		t.Error("changing the clone changed the original")
	}
	if g.Checklist[0].Items[0].Kind == KindProcess && len(g.Checklist[0].Items[0].Topics) != 0 {
		t.Error("changing the clone's topics changed the original")
	}
	var nilG *Guidance
	if nilG.Clone() != nil {
		t.Error("nil clone is not nil")
	}
}
