package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// compileSchema compiles a JSON schema file from disk.
func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open schema: %v", err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("read schema %s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///" + filepath.Base(path)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatalf("add schema %s: %v", path, err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile schema %s: %v", path, err)
	}
	return sch
}

// validate checks one JSON document against sch.
func validate(sch *jsonschema.Schema, doc []byte) error {
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return sch.Validate(inst)
}

// sarifOf renders r as SARIF and decodes it.
func sarifOf(t *testing.T, r *review.Result, rs []*rules.Rule) ([]byte, sarifLog) {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, r, rs); err != nil {
		t.Fatal(err)
	}
	var log sarifLog
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	return b.Bytes(), log
}

// TestSARIFSchema validates the SARIF of every golden result against the
// SARIF 2.1.0 schema (see testdata/PROVENANCE.md), and checks the schema
// really rejects a broken log, so the test can fail.
func TestSARIFSchema(t *testing.T) {
	sch := compileSchema(t, filepath.Join("testdata", "sarif-2.1.0-rtm.5.json"))
	for _, c := range goldenCases() {
		doc, _ := sarifOf(t, c.r, testRules)
		if err := validate(sch, doc); err != nil {
			t.Errorf("%s: SARIF does not validate: %v", c.name, err)
		}
	}
	doc, _ := sarifOf(t, ficResult(), testRules)
	for _, bad := range []struct{ from, to string }{
		{`"level": "error"`, `"level": "fatal"`},
		{`"version": "2.1.0"`, `"version": "2.0.0"`},
		{`"startLine": 20`, `"startLine": 0`},
	} {
		broken := bytes.Replace(doc, []byte(bad.from), []byte(bad.to), 1)
		if bytes.Equal(broken, doc) {
			t.Fatalf("test broken: %q not in the SARIF", bad.from)
		}
		if err := validate(sch, broken); err == nil {
			t.Errorf("schema accepted SARIF with %s", bad.to)
		}
	}
}

// TestSARIFGitHub checks what GitHub code scanning needs beyond the
// schema (docs.github.com "SARIF support for code scanning"): a driver
// name, rule metadata, results whose ruleIndex points at their rule,
// relative forward-slash URIs, start lines from 1, fingerprints, at most
// 20 tags per rule.
func TestSARIFGitHub(t *testing.T) {
	_, log := sarifOf(t, ficResult(), testRules)
	if len(log.Runs) != 1 {
		t.Fatalf("runs = %d, want 1", len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "reviewbot" || d.InformationURI != ProjectURL || d.Version == "" {
		t.Errorf("driver = %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	if len(d.Rules) != len(testRules) {
		t.Fatalf("driver has %d rules, want %d", len(d.Rules), len(testRules))
	}
	for i, r := range d.Rules {
		want := testRules[i]
		if r.ID != want.ID {
			t.Errorf("rule %d id = %q, want %q", i, r.ID, want.ID)
		}
		first := strings.SplitN(want.Doc, "\n", 2)[0]
		if r.ShortDescription.Text != first {
			t.Errorf("%s shortDescription = %q, want the Doc's first line %q", r.ID, r.ShortDescription.Text, first)
		}
		if r.FullDescription.Text == "" || !strings.Contains(r.Help.Text, first) {
			t.Errorf("%s: fullDescription %q, help %q", r.ID, r.FullDescription.Text, r.Help.Text)
		}
		if r.HelpURI != RulesDocURL+"#"+r.ID {
			t.Errorf("%s helpUri = %q", r.ID, r.HelpURI)
		}
		if r.DefaultConfiguration.Level != sarifLevel(want.Severity) {
			t.Errorf("%s level = %q", r.ID, r.DefaultConfiguration.Level)
		}
		if n := len(r.Properties.Tags); n == 0 || n > 20 {
			t.Errorf("%s has %d tags, want 1..20", r.ID, n)
		}
	}
	if got := d.Rules[0].Properties.Tags; !contains(got, "security") {
		t.Errorf("secret-logging tags %v lack security", got)
	}
	if len(run.Results) != len(ficResult().Findings) {
		t.Fatalf("results = %d, want %d", len(run.Results), len(ficResult().Findings))
	}
	prints := map[string]bool{}
	levels := map[string]int{}
	for _, res := range run.Results {
		if d.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has ruleIndex %d naming %s", res.RuleID, res.RuleIndex, d.Rules[res.RuleIndex].ID)
		}
		levels[res.Level]++
		loc := res.Locations[0].PhysicalLocation
		u := loc.ArtifactLocation.URI
		if strings.Contains(u, `\`) || strings.HasPrefix(u, "/") || strings.Contains(u, "://") {
			t.Errorf("uri %q is not a relative forward-slash URI", u)
		}
		if loc.Region == nil || loc.Region.StartLine < 1 || loc.Region.EndLine < loc.Region.StartLine {
			t.Errorf("%s: region %+v", u, loc.Region)
		}
		fp := res.PartialFingerprints[fingerprintKey]
		if fp == "" || prints[fp] {
			t.Errorf("%s: fingerprint %q empty or repeated", u, fp)
		}
		prints[fp] = true
	}
	if levels["error"] != 2 || levels["warning"] != 2 || levels["note"] != 1 {
		t.Errorf("levels = %v, want 2 error, 2 warning, 1 note", levels)
	}
	if n := len(run.Invocations[0].Notifications); n != 1 {
		t.Errorf("notifications = %d, want the 1 engine warning", n)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSARIFDetails(t *testing.T) {
	t.Run("uri", func(t *testing.T) {
		for in, want := range map[string]string{
			"src/a.cs":               "src/a.cs",
			`src\Mtls\a.cs`:          "src/Mtls/a.cs",
			"./src/a b.cs":           "src/a%20b.cs",
			"/abs/x.cs":              "abs/x.cs",
			"C:file.cs":              "C%3Afile.cs",
			"docs/日本.md":             "docs/%E6%97%A5%E6%9C%AC.md",
			"src/../../etc/passwd":   "etc/passwd",
			"a/b#frag?.cs":           "a/b%23frag%3F.cs",
			"javascript:alert(1).cs": "javascript%3Aalert%281%29.cs",
		} {
			if got := sarifURI(in); got != want {
				t.Errorf("sarifURI(%q) = %q, want %q", in, got, want)
			}
		}
	})
	t.Run("message", func(t *testing.T) {
		got := sarifMessage("see [here](1) \\ and\nmore\x1b[31m")
		want := `see \[here\](1) \\ and more` + "\uFFFD" + `\[31m`
		if got != want {
			t.Errorf("sarifMessage = %q, want %q", got, want)
		}
	})
	t.Run("unknown rule and file-level finding", func(t *testing.T) {
		r := &review.Result{Findings: []rules.Finding{{Rule: "not-registered", Severity: rules.Notice, Path: "x.md", Message: "m"}}}
		_, log := sarifOf(t, r, nil)
		run := log.Runs[0]
		if len(run.Tool.Driver.Rules) != 1 || run.Tool.Driver.Rules[0].ID != "not-registered" || run.Results[0].RuleIndex != 0 {
			t.Fatalf("unknown rule not described: %+v", run.Tool.Driver.Rules)
		}
		if run.Results[0].Locations[0].PhysicalLocation.Region != nil {
			t.Errorf("line 0 got a region")
		}
		if run.Results[0].Level != "note" {
			t.Errorf("level = %q, want note", run.Results[0].Level)
		}
	})
	t.Run("help markdown", func(t *testing.T) {
		got := docMarkdown("Summary.\n\nBad:\n    a := \"```\"\n\n    b()\nGood:\n\tc()\nEnd.")
		want := "Summary.\n\nBad:\n````\na := \"```\"\n\nb()\n````\nGood:\n```\nc()\n```\nEnd."
		if got != want {
			t.Errorf("docMarkdown = %q, want %q", got, want)
		}
	})
	t.Run("duplicate rule", func(t *testing.T) {
		err := SARIF(&bytes.Buffer{}, &review.Result{}, []*rules.Rule{ruleSecretLogging, ruleSecretLogging})
		if err == nil || !strings.Contains(err.Error(), "secret-logging") {
			t.Errorf("err = %v, want a duplicate-rule error naming it", err)
		}
	})
	t.Run("nil result", func(t *testing.T) {
		if err := SARIF(&bytes.Buffer{}, nil, nil); err == nil {
			t.Error("no error for a nil result")
		}
	})
	t.Run("same line twice", func(t *testing.T) {
		f := rules.Finding{Rule: "secret-logging", Severity: rules.Error, Path: "a.cs", Line: 3, Message: "m", Excerpt: "x"}
		g := f
		g.Line = 9 // the same text elsewhere: another alert, another fingerprint
		_, log := sarifOf(t, &review.Result{Findings: []rules.Finding{f, g}}, testRules)
		a, b := log.Runs[0].Results[0].PartialFingerprints[fingerprintKey], log.Runs[0].Results[1].PartialFingerprints[fingerprintKey]
		if a == b {
			t.Errorf("two findings share fingerprint %s", a)
		}
		// Moving the line keeps the fingerprint, so the alert follows it.
		f.Line = 30
		_, moved := sarifOf(t, &review.Result{Findings: []rules.Finding{f}}, testRules)
		if moved.Runs[0].Results[0].PartialFingerprints[fingerprintKey] != a {
			t.Errorf("fingerprint changed when the line moved")
		}
	})
	t.Run("result limit", func(t *testing.T) {
		r := &review.Result{}
		for i := 0; i < maxSARIFResults+2; i++ {
			r.Findings = append(r.Findings, rules.Finding{Rule: "secret-logging", Severity: rules.Error,
				Path: "a.cs", Line: i + 1, Message: "m", Excerpt: fmt.Sprint(i)})
		}
		_, log := sarifOf(t, r, testRules)
		run := log.Runs[0]
		if len(run.Results) != maxSARIFResults {
			t.Errorf("results = %d, want %d", len(run.Results), maxSARIFResults)
		}
		notes := run.Invocations[0].Notifications
		if len(notes) != 1 || !strings.Contains(notes[0].Message.Text, "2 more findings") {
			t.Errorf("notifications = %+v, want one saying 2 more findings", notes)
		}
	})
}
