package action

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSARIFInput(t *testing.T) {
	for _, tt := range []struct{ in, want, err string }{
		{"", "", ""},
		{"reviewbot.sarif", "reviewbot.sarif", ""},
		{"./results/reviewbot.sarif", "results/reviewbot.sarif", ""},
		{"/tmp/x.sarif", "", "input sarif-file"},
		{"../x.sarif", "", "without .."},
		{"a/../../x.sarif", "", "without .."},
	} {
		got, err := sarifInput(func(string) string { return tt.in })
		if tt.err != "" {
			require.Error(t, err, tt.in)
			assert.Contains(t, err.Error(), tt.err)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got)
	}
}

type sarifDoc struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID         string `json:"id"`
					Properties struct {
						SecuritySeverity string `json:"security-severity"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID              string            `json:"ruleId"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Locations           []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
		} `json:"results"`
	} `json:"runs"`
}

// readSARIF reads the action's SARIF file, validates it against the SARIF
// 2.1.0 schema (report/testdata, see its PROVENANCE.md) and decodes it.
func readSARIF(t *testing.T, p string) sarifDoc {
	t.Helper()
	b, err := os.ReadFile(p)
	require.NoError(t, err, "the action wrote no SARIF")
	sf, err := os.Open(filepath.Join("..", "report", "testdata", "sarif-2.1.0-rtm.5.json"))
	require.NoError(t, err)
	defer sf.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(sf)
	require.NoError(t, err)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	require.NoError(t, c.AddResource("file:///sarif.json", schemaDoc))
	sch, err := c.Compile("file:///sarif.json")
	require.NoError(t, err)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	require.NoError(t, err)
	require.NoError(t, sch.Validate(inst), "SARIF 2.1.0 schema")
	var doc sarifDoc
	require.NoError(t, json.Unmarshal(b, &doc))
	return doc
}

func sarifFingerprints(doc sarifDoc) []string {
	var out []string
	for _, r := range doc.Runs[0].Results {
		out = append(out, r.PartialFingerprints["reviewbotLineHash/v1"])
	}
	return out
}

// TestSARIFFile pins issue #10's acceptance: with sarif-file the action
// writes SARIF that validates against the SARIF 2.1.0 schema, one result
// per finding with the repository path and head line, security rules
// carry security-severity, and fingerprints survive a re-run and lines
// moving.
func TestSARIFFile(t *testing.T) {
	ws := t.TempDir()
	f := newSampleServer(t, appToken)
	inputs := map[string]string{"sarif-file": "results/reviewbot.sarif", "GITHUB_WORKSPACE": ws}
	r := runAction(t, f, inputs)
	require.NoError(t, r.err)
	p := filepath.Join(ws, "results", "reviewbot.sarif")
	doc := readSARIF(t, p)
	assert.Equal(t, "2.1.0", doc.Version)
	require.Len(t, doc.Runs, 1)
	res := doc.Runs[0].Results
	require.Len(t, res, 2)
	var lines []int
	for _, x := range res {
		require.Len(t, x.Locations, 1)
		assert.Equal(t, samplePath, x.Locations[0].PhysicalLocation.ArtifactLocation.URI)
		lines = append(lines, x.Locations[0].PhysicalLocation.Region.StartLine)
	}
	assert.ElementsMatch(t, []int{12, 18}, lines)
	sev := map[string]string{}
	for _, rule := range doc.Runs[0].Tool.Driver.Rules {
		sev[rule.ID] = rule.Properties.SecuritySeverity
	}
	assert.Equal(t, "7.5", sev["secret-logging"])
	assert.Empty(t, sev["placeholder-region"])
	first := sarifFingerprints(doc)
	assert.Len(t, first, 2)
	assert.NotEqual(t, first[0], first[1])

	// A re-run writes the same fingerprints.
	require.NoError(t, os.Remove(p))
	require.NoError(t, runAction(t, f, inputs).err)
	assert.Equal(t, first, sarifFingerprints(readSARIF(t, p)))

	// A push that moves the lines keeps them, so the alerts follow.
	shifted := append([]string{"// header", "// more", ""}, sampleLines...)
	f.push("2222222222222222222222222222222222222222", nil)
	f.files = []fakeFile{f.addSample(samplePath, shifted)}
	require.NoError(t, runAction(t, f, inputs).err)
	moved := readSARIF(t, p)
	assert.Equal(t, 15, moved.Runs[0].Results[0].Locations[0].PhysicalLocation.Region.StartLine)
	assert.Equal(t, first, sarifFingerprints(moved))
}

// TestSARIFFileWithReadOnlyToken: a fork PR's read-only token cannot post,
// but the SARIF is written all the same.
func TestSARIFFileWithReadOnlyToken(t *testing.T) {
	ws := t.TempDir()
	f := newSampleServer(t, appToken)
	f.readOnly = true
	r := runAction(t, f, map[string]string{"sarif-file": "reviewbot.sarif", "GITHUB_WORKSPACE": ws})
	require.NoError(t, r.err)
	assert.Empty(t, f.published())
	assert.Len(t, readSARIF(t, filepath.Join(ws, "reviewbot.sarif")).Runs[0].Results, 2)
}

// TestSARIFFileUnwritable: a path that cannot be written is an error
// naming the input, after the review is posted.
func TestSARIFFileUnwritable(t *testing.T) {
	ws := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(ws, "file"), []byte("x"), 0o644))
	f := newSampleServer(t, appToken)
	r := runAction(t, f, map[string]string{"sarif-file": "file/reviewbot.sarif", "GITHUB_WORKSPACE": ws})
	require.Error(t, r.err)
	assert.Contains(t, r.err.Error(), `input sarif-file "file/reviewbot.sarif"`)
	assert.Len(t, f.published(), 1, "the review is posted all the same")
}
