package checklist

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, doc string
		want      string // the whole error, one line
	}{
		{"empty", "", "g.md: empty guidance document: write YAML front matter with applies_to and the guidance sections"},
		{"blank", " \n\t\n", "g.md: empty guidance document: write YAML front matter with applies_to and the guidance sections"},
		{"no front matter", "# Guidance\n\n## Pre-PR Verification Checklist\n- [ ] x\n",
			"g.md: no YAML front matter at line 1: start the file with --- and an applies_to list"},
		{"front matter not first", "\n---\napplies_to: ['**/*.cs']\n---\n",
			"g.md: no YAML front matter at line 1: start the file with --- and an applies_to list"},
		{"unclosed", "---\napplies_to:\n  - '**/*.cs'\n# Body\n",
			"g.md:1: YAML front matter is not closed: end it with a --- line before the Markdown"},
		{"bad yaml", "---\nskill_name: x\napplies_to: [\"**/*.cs\"\ntags: [a]\n---\n# Body\n",
			"g.md:3: invalid YAML front matter: line 3: did not find expected ',' or ']'"},
		{"bad indentation", "---\nskill_name: x\n  version: 2\n---\n",
			"g.md:3: invalid YAML front matter: line 3: mapping values are not allowed in this context"},
		{"wrong type", "---\napplies_to:\n  glob: '**/*.cs'\n---\n",
			"g.md:3: front matter applies_to must be a list of strings"},
		{"nested list", "---\ntags:\n  - [a, b]\n---\n",
			"g.md:3: front matter tags must be a list of strings"},
		{"map name", "---\nskill_name:\n  a: b\n---\n",
			"g.md:3: front matter key skill_name must be a single value"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := Parse("g.md", []byte(c.doc))
			if err == nil {
				t.Fatalf("Parse succeeded (%d warnings), want error %q", len(g.Warnings), c.want)
			}
			if err.Error() != c.want {
				t.Errorf("error\n got %q\nwant %q", err, c.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestParseWarnings(t *testing.T) {
	cases := []struct {
		name, doc string
		globs     []string
		labels    []string
		want      []string // substrings of the warnings, in order
	}{
		{"no section", "---\napplies_to:\n  - '**/*.cs'\n---\n\n# Title\n\nSome prose.\n", []string{"**/*.cs"}, nil,
			[]string{"g.md:5: no recognisable guidance section"}},
		{"front matter only", "---\napplies_to: ['**/*.cs']\n---\n", []string{"**/*.cs"}, nil,
			[]string{"g.md:4: no recognisable guidance section"}},
		{"labels", "---\napplies_to:\n  - MSAL.NET/mTLS-PoP\n  - Other\n---\n## Pre-PR Verification Checklist\n- [ ] x\n", nil,
			[]string{"MSAL.NET/mTLS-PoP", "Other"},
			[]string{`g.md:3: applies_to holds labels, not path globs ("MSAL.NET/mTLS-PoP", "Other"): they scope nothing, so the default scope is used (**/*mtls*/**`}},
		{"labels and globs", "---\napplies_to:\n  - '**/*.cs'\n  - Label\n---\n## Pre-PR Verification Checklist\n- [ ] x\n",
			[]string{"**/*.cs"}, []string{"Label"},
			[]string{`g.md:4: applies_to entries "Label" are labels, not path globs: they scope nothing; only the globs are used`}},
		{"invalid glob", "---\napplies_to:\n  - 'src/[a-'\n  - '**/*.cs'\n---\n## Pre-PR Verification Checklist\n- [ ] x\n",
			[]string{"**/*.cs"}, nil,
			[]string{`g.md:3: applies_to entry "src/[a-" is not a valid glob: skipped`}},
		{"no applies_to", "---\nskill_name: x\n---\n## Pre-PR Verification Checklist\n- [ ] x\n", nil, nil,
			[]string{"g.md:2: no usable applies_to glob: the default scope is used"}},
		{"task list in unknown section", "---\napplies_to: ['**/*.cs']\n---\n## Pre-PR Verification Checklist\n- [ ] x\n# Other\n## Notes\n- [ ] y\n- plain\n",
			[]string{"**/*.cs"}, nil, []string{`g.md:8: task list under "Notes" is in no recognised section`}},
		{"single string", "---\napplies_to: '**/*Mtls*'\n---\n## Pre-PR Verification Checklist\n- [ ] x\n", []string{"**/*Mtls*"}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := Parse("g.md", []byte(c.doc))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(g.Globs, orEmpty(c.globs)) {
				t.Errorf("globs %q, want %q", g.Globs, c.globs)
			}
			if !slices.Equal(g.Labels, orEmpty(c.labels)) {
				t.Errorf("labels %q, want %q", g.Labels, c.labels)
			}
			if len(g.Warnings) != len(c.want) {
				t.Fatalf("warnings %v, want %d like %q", g.Warnings, len(c.want), c.want)
			}
			for i, w := range c.want {
				if !strings.Contains(g.Warnings[i].String(), w) {
					t.Errorf("warning %d = %q, want it to contain %q", i, g.Warnings[i], w)
				}
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// TestSeedShape checks what the seed must yield beyond the golden file: the
// checklist groups, the example checklist left out, true lines.
func TestSeedShape(t *testing.T) {
	data := readShared(t, seedPath)
	g, err := Parse("seed.md", data)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var titles []string
	for _, gr := range g.Checklist {
		titles = append(titles, gr.Title)
	}
	want := []string{"Code Validation", "Security Review", "Terminology Compliance", "Documentation Quality", "Testing Coverage"}
	if !slices.Equal(titles, want) {
		t.Errorf("checklist groups %q, want %q", titles, want)
	}
	checkLines(t, g, lines)
	for _, gr := range g.Checklist {
		for _, it := range gr.Items {
			if it.Text == "Code compiles without warnings" || it.Text == "Certificate binding configured correctly" {
				t.Errorf("item %q comes from the ```markdown example, not the checklist", it.Text)
			}
		}
	}
	if n := len(g.Focus["vanilla"]); n != 1 || len(g.Focus["vanilla"][0].Items) != 5 {
		t.Errorf("vanilla focus: %d groups, want 1 of 5 items: %+v", n, g.Focus["vanilla"])
	}
	if n := len(g.Focus["fic"]); n != 1 || len(g.Focus["fic"][0].Items) != 5 {
		t.Errorf("fic focus: %d groups, want 1 of 5 items", n)
	}
	if len(g.DocFocus) != 3 || g.DocFocus[0].Title != "Terminology Consistency" {
		t.Errorf("doc focus groups %+v, want 3 starting with Terminology Consistency", g.DocFocus)
	}
	var always, never int
	for _, tm := range g.Terms {
		if tm.Always {
			always++
		} else {
			never++
			if tm.Example == "" || tm.Correct == "" {
				t.Errorf("NEVER term %q lacks its example or correct form: %+v", tm.Term, tm)
			}
		}
	}
	if always != 9 || never != 4 {
		t.Errorf("terms: %d ALWAYS and %d NEVER, want 9 and 4", always, never)
	}
	// 4 NEVER terms, 4 code blocks, 5 pitfalls.
	if len(g.AntiPatterns) != 13 {
		t.Errorf("%d anti-patterns, want 13", len(g.AntiPatterns))
	}
	if len(g.Flows) != 2 || g.Flows[0].Flow != "vanilla" || g.Flows[1].Flow != "fic" || len(g.Flows[0].Characteristics) != 4 {
		t.Errorf("flows %+v", g.Flows)
	}
	if len(g.Warnings) != 0 {
		t.Errorf("warnings on the seed: %v", g.Warnings)
	}
}

// checkLines verifies that every item, term, flow and anti-pattern points at
// a line of the file that holds (part of) its text.
func checkLines(t *testing.T, g *Guidance, lines []string) {
	t.Helper()
	at := func(what string, line int, text string) {
		t.Helper()
		if line < 1 || line > len(lines) {
			t.Errorf("%s %q: line %d out of range", what, text, line)
			return
		}
		words := strings.Fields(strings.NewReplacer("`", "", "*", "", "\"", "").Replace(text))
		if len(words) > 3 {
			words = words[:3]
		}
		src := strings.NewReplacer("`", "", "*", "", "\"", "").Replace(lines[line-1])
		if !strings.Contains(src, strings.Join(words, " ")) {
			t.Errorf("%s %q: line %d is %q", what, text, line, lines[line-1])
		}
	}
	each := func(gs []Group) {
		for _, gr := range gs {
			for _, it := range gr.Items {
				at("item", it.Line, it.Text)
			}
		}
	}
	each(g.Checklist)
	each(g.DocFocus)
	for _, k := range focusKeys(g.Focus) {
		each(g.Focus[k])
	}
	for _, tm := range g.Terms {
		at("term", tm.Line, tm.Term)
	}
	for _, f := range g.Flows {
		at("flow", f.Line, f.Title)
	}
	for _, a := range g.AntiPatterns {
		if !strings.ContainsAny(lines[a.Line-1], "❌✅") {
			t.Errorf("anti-pattern %q: line %d has no ❌/✅ marker: %q", a.Title, a.Line, lines[a.Line-1])
		}
		if a.GoodLine > 0 && !strings.Contains(lines[a.GoodLine-1], "✅") {
			t.Errorf("anti-pattern %q: good line %d has no ✅: %q", a.Title, a.GoodLine, lines[a.GoodLine-1])
		}
	}
}

func TestRealVariantShape(t *testing.T) {
	data := readShared(t, realPath)
	g, err := Parse("real.md", data)
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, g, strings.Split(string(data), "\n"))
	if len(g.Globs) != 0 || len(g.Labels) != 3 {
		t.Errorf("globs %q labels %q, want none and 3", g.Globs, g.Labels)
	}
	if len(g.Warnings) != 1 || !strings.Contains(g.Warnings[0].Message, "MSAL.NET/mTLS-PoP") || !strings.Contains(g.Warnings[0].Message, "default scope") {
		t.Errorf("warnings %v, want one naming the labels and the default scope", g.Warnings)
	}
	// Its reviewer lists apply whatever the flow: they are the checklist.
	var titles []string
	for _, gr := range g.Checklist {
		titles = append(titles, gr.Title)
	}
	if want := []string{"Must Have", "Should Have", "Common Mistakes to Avoid"}; !slices.Equal(titles, want) {
		t.Errorf("checklist groups %q, want %q", titles, want)
	}
	if len(g.Focus) != 0 {
		t.Errorf("focus %+v, want none: the real variant has no per-flow lists", g.Focus)
	}
	if len(g.Flows) != 2 || g.Flows[0].Flow != "vanilla" || g.Flows[1].Flow != "fic" {
		t.Errorf("flows %+v", g.Flows)
	}
	if len(g.Terms) != 0 {
		t.Errorf("terms %+v: the real variant has no ALWAYS/NEVER lists", g.Terms)
	}
}

func TestDefault(t *testing.T) {
	g := Default()
	checkLines(t, g, strings.Split(string(defaultGuidance), "\n"))
	if len(g.Warnings) != 0 {
		t.Errorf("default guidance warns: %v", g.Warnings)
	}
	if !slices.Equal(g.Globs, DefaultGlobs) {
		t.Errorf("default globs %q, want %q", g.Globs, DefaultGlobs)
	}
	var titles []string
	for _, gr := range g.Checklist {
		titles = append(titles, gr.Title)
	}
	if want := []string{"Code Validation", "Security Review", "Terminology Compliance", "Documentation Quality", "Testing Coverage"}; !slices.Equal(titles, want) {
		t.Errorf("checklist groups %q, want %q", titles, want)
	}
	if len(g.Focus["vanilla"]) == 0 || len(g.Focus["fic"]) == 0 || len(g.DocFocus) != 3 || len(g.Flows) != 2 {
		t.Errorf("default lacks a section: focus %v, doc focus %d, flows %d", g.Focus, len(g.DocFocus), len(g.Flows))
	}
	var always, never bool
	for _, tm := range g.Terms {
		always = always || tm.Always
		never = never || !tm.Always
	}
	if !always || !never {
		t.Error("default lacks ALWAYS or NEVER terms")
	}
	good, bad := 0, 0
	for _, a := range g.AntiPatterns {
		if a.Good != "" {
			good++
		}
		if a.Bad != "" {
			bad++
		}
	}
	if good < 5 || bad < 5 {
		t.Errorf("default has %d ✅ and %d ❌ forms, want at least 5 each", good, bad)
	}
	// Every ❌ form is marked "Bad" (or "Problem") within its first lines,
	// so readers and rules can tell it from the ✅ forms.
	src := strings.Split(string(defaultGuidance), "\n")
	for _, a := range g.AntiPatterns {
		if a.Bad == "" {
			continue
		}
		near := strings.Join(src[a.Line-1:min(a.Line+2, len(src))], "\n")
		if !strings.Contains(src[a.Line-1], "❌") || !strings.Contains(near, "Bad") && !strings.Contains(near, "Problem") {
			t.Errorf("default anti-pattern %q at line %d is not marked ❌ and Bad: %q", a.Title, a.Line, near)
		}
	}
	// Every item is about something a rule or a person can check, and every
	// topic the model knows is claimed by some item of the default.
	seen := map[Topic]bool{}
	all := append(append([]Group{}, g.Checklist...), g.DocFocus...)
	for _, k := range focusKeys(g.Focus) {
		all = append(all, g.Focus[k]...)
	}
	for _, gr := range all {
		for _, it := range gr.Items {
			for _, tp := range it.Topics {
				seen[tp] = true
			}
		}
	}
	for _, tp := range allTopics {
		if !seen[tp] {
			t.Errorf("no item of the default guidance has topic %s", tp)
		}
	}
	// Default returns a fresh copy each time.
	g.Checklist[0].Items[0].Text = "changed"
	if Default().Checklist[0].Items[0].Text == "changed" {
		t.Error("Default shares its result between calls")
	}
}

var allTopics = []Topic{TopicSecretLogging, TopicHardcodedSecret, TopicRegion, TopicPlaceholder, TopicCertDisposal,
	TopicTokenBinding, TopicExchangeAudience, TopicAssertionType, TopicClientAssertion, TopicMtlsEndpoint,
	TopicSingleAcquire, TopicAppCertificate, TopicRequestPop, TopicTokenTypeAssert, TopicBindingCertCheck,
	TopicAuthScheme, TopicTermFlows, TopicTermScopes, TopicTermPop, TopicDocWhenToUse, TopicDocVerification,
	TopicDocTestRefs, TopicDocFlowDiagram}

func TestItemIDs(t *testing.T) {
	cases := []struct{ group, text, want string }{
		{"Code Validation", "Code compiles and runs without errors", "code-validation/code-compiles-and-runs-without-errors"},
		{"For FIC Two-Leg Flow PRs", "Verify Leg 1 targets `api://AzureADTokenExchange`", "for-fic-two-leg-flow-prs/verify-leg-1-targets-api-azureadtokenexchange"},
		{"", "x", "x"},
	}
	for _, c := range cases {
		if got := ItemID(c.group, c.text); got != c.want {
			t.Errorf("ItemID(%q, %q) = %q, want %q", c.group, c.text, got, c.want)
		}
	}
	long := ItemID("Security Review", "No secrets, tokens, or private keys logged anywhere in the whole change set")
	if len(long) > 80 || !strings.HasPrefix(long, "security-review/no-secrets-tokens-or-private-keys-logged-") {
		t.Errorf("long ID %q", long)
	}
	if ItemID("G", "Same words here") != ItemID("G", "Same words here") {
		t.Error("ItemID is not stable")
	}
	g := Default()
	ids := map[string]bool{}
	for _, gs := range [][]Group{g.Checklist, g.DocFocus, g.Focus["vanilla"], g.Focus["fic"]} {
		for _, gr := range gs {
			for _, it := range gr.Items {
				if ids[it.ID] || it.ID == "" {
					t.Errorf("ID %q empty or repeated", it.ID)
				}
				ids[it.ID] = true
			}
		}
	}
}

// TestSections checks recognition by heading text on small documents,
// including rewordings and look-alikes.
func TestSections(t *testing.T) {
	const fm = "---\napplies_to: ['**/*.cs']\n---\n"
	cases := []struct {
		name, body string
		check      func(t *testing.T, g *Guidance)
	}{
		{"reworded checklist", "# Doc\n\n## Checklist Before You Open a PR\n\n### Security\n- [ ] Tokens never logged\n", func(t *testing.T, g *Guidance) {
			if len(g.Checklist) != 1 || g.Checklist[0].Title != "Security" || g.Checklist[0].Items[0].Line != 9 {
				t.Errorf("checklist %+v", g.Checklist)
			}
		}},
		{"checklist format example is not the checklist", "## Docs\n\n### Checklist Format\n\n```markdown\n## Pre-PR Verification Checklist\n- [ ] Example item\n```\n", func(t *testing.T, g *Guidance) {
			if len(g.Checklist) != 0 {
				t.Errorf("checklist %+v from the example", g.Checklist)
			}
		}},
		{"focus by label", "## What Reviewers Look For\n\n**Vanilla flow changes**:\n- One call\n\n**FIC two-leg changes**:\n- Leg 1 audience\n\n**Any change**:\n- Good names\n", func(t *testing.T, g *Guidance) {
			if len(g.Focus["vanilla"]) != 1 || len(g.Focus["fic"]) != 1 || len(g.Checklist) != 1 || g.Checklist[0].Title != "Any change" {
				t.Errorf("focus %+v checklist %+v", g.Focus, g.Checklist)
			}
		}},
		{"docs focus inside reviewer section", "## Reviewer Expectations\n\n### Docs Review Focus\n\n**Structure**:\n- [ ] When to Use first\n", func(t *testing.T, g *Guidance) {
			if len(g.DocFocus) != 1 || g.DocFocus[0].Title != "Structure" || g.DocFocus[0].Items[0].Kind != KindDocs {
				t.Errorf("doc focus %+v", g.DocFocus)
			}
		}},
		{"never list as bullets", "## Terminology\n\n### Avoid\n- ❌ Bare PoP\n  - Example: \"Configure PoP\"\n- ✅ Correct: \"Configure mTLS PoP\"\n", func(t *testing.T, g *Guidance) {
			if len(g.Terms) != 1 || g.Terms[0].Term != "Bare PoP" || g.Terms[0].Correct != `"Configure mTLS PoP"` {
				t.Errorf("terms %+v", g.Terms)
			}
		}},
		{"never list as a table", "## Terminology Rules\n\n### Words to Avoid\n\n| Don't say | Say instead | Why |\n|---|---|---|\n| ❌ \"Configure PoP\" | ✅ \"Configure mTLS PoP\" | ambiguous |\n", func(t *testing.T, g *Guidance) {
			if len(g.Terms) != 1 || g.Terms[0].Term != `"Configure PoP"` || g.Terms[0].Correct != `"Configure mTLS PoP"` || g.Terms[0].Meaning != "ambiguous" || g.Terms[0].Line != 10 {
				t.Errorf("terms %+v", g.Terms)
			}
			if len(g.AntiPatterns) != 1 || g.AntiPatterns[0].Good != `"Configure mTLS PoP"` {
				t.Errorf("anti-patterns %+v", g.AntiPatterns)
			}
		}},
		{"code block markers without emoji", "## Code\n\n### Regions\n```csharp\n// Good: real region\n.WithAzureRegion(\"westus3\")\n// Bad: placeholder\n.WithAzureRegion(\"my-region\")\n```\n", func(t *testing.T, g *Guidance) {
			if len(g.AntiPatterns) != 1 || g.AntiPatterns[0].Good != `.WithAzureRegion("westus3")` || g.AntiPatterns[0].Line != 10 || g.AntiPatterns[0].GoodLine != 8 {
				t.Errorf("anti-patterns %+v", g.AntiPatterns)
			}
		}},
		{"terminology title is not a section", "# Shared Terminology\n\n## Reviewer Expectations\n\n### Common Mistakes to Avoid\n- ❌ Legs in vanilla\n", func(t *testing.T, g *Guidance) {
			if len(g.Terms) != 0 || len(g.Checklist) != 1 {
				t.Errorf("terms %+v checklist %+v", g.Terms, g.Checklist)
			}
		}},
		{"flow definitions as headings", "## Flow Definitions\n\n### Vanilla\n**Definition**: one call\n\n**Characteristics**:\n- a\n- b\n\n### FIC Two-Leg\n**Definition**: two legs\n", func(t *testing.T, g *Guidance) {
			if len(g.Flows) != 2 || g.Flows[0].Definition != "one call" || len(g.Flows[0].Characteristics) != 2 || g.Flows[1].Flow != "fic" {
				t.Errorf("flows %+v", g.Flows)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, err := Parse("g.md", []byte(fm+c.body))
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, g)
		})
	}
}

func TestCRLFAndBOM(t *testing.T) {
	doc := "\xef\xbb\xbf---\r\napplies_to:\r\n  - '**/*.cs'\r\n---\r\n## Pre-PR Verification Checklist\r\n### Security Review\r\n- [ ] No tokens logged\r\n"
	g, err := Parse("crlf.md", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Checklist) != 1 || g.Checklist[0].Items[0].Text != "No tokens logged" || g.Checklist[0].Items[0].Line != 7 {
		t.Errorf("checklist %+v", g.Checklist)
	}
	if !slices.Equal(g.Globs, []string{"**/*.cs"}) {
		t.Errorf("globs %q", g.Globs)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(defaultGuidance)
	for _, p := range []string{seedPath, realPath} {
		if data, err := readFileIfExists(p); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\napplies_to: [\n---\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse("fuzz.md", data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if strings.Contains(err.Error(), "reviewbot bug") {
				t.Errorf("Parse panicked: %v", err)
			}
			if !strings.HasPrefix(err.Error(), "fuzz.md") {
				t.Errorf("error does not name the file: %q", err)
			}
			return
		}
		n := bytes.Count(data, []byte("\n")) + 1
		for _, gs := range [][]Group{g.Checklist, g.DocFocus, g.Focus["all"], g.Focus["vanilla"], g.Focus["fic"]} {
			for _, gr := range gs {
				for _, it := range gr.Items {
					if it.Line < 1 || it.Line > n || it.ID == "" {
						t.Errorf("item %+v: line outside 1..%d or no ID", it, n)
					}
				}
			}
		}
		Merge(g, g)
	})
}
