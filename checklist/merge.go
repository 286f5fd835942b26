package checklist

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

var ficNameRE = prefilter.MustCompile(`(^|[^a-z])(fic|two-?leg|twoleg)([^a-z]|$)`)

// docFlow says whether a document is about one flow only, from its file
// name (or its directory's, for names like SKILL.md) and its tags.
func docFlow(g *Guidance) string {
	var hints []string
	if len(g.Sources) == 1 {
		base := filepath.Base(g.Sources[0])
		hints = append(hints, strings.ToLower(base), strings.ToLower(filepath.Base(filepath.Dir(g.Sources[0]))))
	}
	for _, t := range g.Tags {
		hints = append(hints, strings.ToLower(t))
	}
	v, f := false, false
	for _, h := range hints {
		v = v || strings.Contains(h, "vanilla")
		f = f || ficNameRE.MatchString(h)
	}
	switch {
	case v && !f:
		return "vanilla"
	case f && !v:
		return "fic"
	}
	return ""
}

// Merge combines guidance documents in order: sources, tags, globs and
// labels are unioned; flows, terms and anti-patterns keep the first of
// each; items are deduplicated by text, keeping the first. A document whose
// file name or tags name one flow (vanilla, or FIC / two-leg) contributes
// its checklist and focus lists to that flow's focus list only.
func Merge(gs ...*Guidance) *Guidance {
	out := &Guidance{Focus: map[string][]Group{}}
	seenText := map[string]map[string]bool{}
	addGroups := func(dest string, to []Group, from []Group) []Group {
		if seenText[dest] == nil {
			seenText[dest] = map[string]bool{}
		}
		for _, g := range from {
			i := -1
			for j := range to {
				if strings.EqualFold(to[j].Title, g.Title) {
					i = j
				}
			}
			for _, it := range g.Items {
				key := strings.ToLower(strings.Join(strings.Fields(it.Text), " "))
				if seenText[dest][key] {
					continue
				}
				seenText[dest][key] = true
				if i < 0 {
					to = append(to, Group{Title: g.Title, Items: []Item{}})
					i = len(to) - 1
				}
				to[i].Items = append(to[i].Items, it)
			}
		}
		return to
	}
	for _, g := range gs {
		if g == nil {
			continue
		}
		out.Sources = append(out.Sources, g.Sources...)
		if out.SkillName == "" {
			out.SkillName, out.Version, out.Description = g.SkillName, g.Version, g.Description
		}
		out.Tags = union(out.Tags, g.Tags)
		out.Globs = union(out.Globs, g.Globs)
		out.Labels = union(out.Labels, g.Labels)
		for _, f := range g.Flows {
			if !containsFunc(out.Flows, func(x FlowDef) bool { return x.Flow == f.Flow }) {
				out.Flows = append(out.Flows, f)
			}
		}
		for _, t := range g.Terms {
			if !containsFunc(out.Terms, func(x Term) bool { return x.Always == t.Always && strings.EqualFold(x.Term, t.Term) }) {
				out.Terms = append(out.Terms, t)
			}
		}
		for _, a := range g.AntiPatterns {
			if !containsFunc(out.AntiPatterns, func(x AntiPattern) bool { return x.Bad == a.Bad && strings.EqualFold(x.Title, a.Title) }) {
				out.AntiPatterns = append(out.AntiPatterns, a)
			}
		}
		out.Warnings = append(out.Warnings, g.Warnings...)
		if fl := docFlow(g); fl != "" {
			out.Focus[fl] = addGroups("focus:"+fl, out.Focus[fl], g.Checklist)
			for _, k := range focusKeys(g.Focus) {
				out.Focus[fl] = addGroups("focus:"+fl, out.Focus[fl], g.Focus[k])
			}
			out.Focus[fl] = addGroups("focus:"+fl, out.Focus[fl], g.DocFocus)
			continue
		}
		out.Checklist = addGroups("checklist", out.Checklist, g.Checklist)
		for _, k := range focusKeys(g.Focus) {
			out.Focus[k] = addGroups("focus:"+k, out.Focus[k], g.Focus[k])
		}
		out.DocFocus = addGroups("doc", out.DocFocus, g.DocFocus)
	}
	for k, v := range out.Focus {
		if len(v) == 0 {
			delete(out.Focus, k)
		}
	}
	if len(out.Globs) > 0 {
		def := fmt.Sprintf(defaultScopeUsed, strings.Join(DefaultGlobs, ", "))
		for i, w := range out.Warnings {
			if strings.HasSuffix(w.Message, def) {
				out.Warnings[i].Message = strings.TrimSuffix(w.Message, def) + "the other documents' globs are used"
			}
		}
	}
	uniqueIDs(out)
	fillEmptyLists(out)
	return out
}

// uniqueIDs keeps item IDs unique after a merge by suffixing repeats.
func uniqueIDs(g *Guidance) {
	seen := map[string]int{}
	do := func(gs []Group) {
		for i := range gs {
			for j := range gs[i].Items {
				it := &gs[i].Items[j]
				seen[it.ID]++
				if n := seen[it.ID]; n > 1 {
					it.ID = fmt.Sprintf("%s-%d", it.ID, n)
				}
			}
		}
	}
	do(g.Checklist)
	for _, k := range focusKeys(g.Focus) {
		do(g.Focus[k])
	}
	do(g.DocFocus)
}

func union(a, b []string) []string {
	for _, s := range b {
		if !containsFunc(a, func(x string) bool { return x == s }) {
			a = append(a, s)
		}
	}
	return a
}

func containsFunc[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if f(x) {
			return true
		}
	}
	return false
}

// Clone returns a deep copy of g.
func (g *Guidance) Clone() *Guidance {
	if g == nil {
		return nil
	}
	c := *g
	c.Sources = slices.Clone(g.Sources)
	c.Tags = slices.Clone(g.Tags)
	c.Globs = slices.Clone(g.Globs)
	c.Labels = slices.Clone(g.Labels)
	c.Flows = slices.Clone(g.Flows)
	for i := range c.Flows {
		c.Flows[i].Characteristics = slices.Clone(c.Flows[i].Characteristics)
	}
	c.Terms = slices.Clone(g.Terms)
	c.AntiPatterns = slices.Clone(g.AntiPatterns)
	c.Warnings = slices.Clone(g.Warnings)
	c.Checklist = cloneGroups(g.Checklist)
	c.DocFocus = cloneGroups(g.DocFocus)
	if g.Focus != nil {
		c.Focus = make(map[string][]Group, len(g.Focus))
		for k, v := range g.Focus {
			c.Focus[k] = cloneGroups(v)
		}
	}
	return &c
}

func cloneGroups(gs []Group) []Group {
	if gs == nil {
		return nil
	}
	out := make([]Group, len(gs))
	for i, g := range gs {
		out[i] = Group{Title: g.Title, Items: slices.Clone(g.Items)}
		for j := range out[i].Items {
			out[i].Items[j].Topics = slices.Clone(out[i].Items[j].Topics)
		}
	}
	return out
}
