package action

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// TestCodeScanningExample: the example workflow grants security-events:
// write, passes sarif-file, and uploads that same file with upload-sarif
// even when reviewbot fails the step.
func TestCodeScanningExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "docs", "workflows", "code-scanning.yml"))
	require.NoError(t, err)
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				If   string            `yaml:"if"`
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	require.NoError(t, yaml.Unmarshal(b, &wf))
	assert.Equal(t, "write", wf.Permissions["security-events"])
	assert.Equal(t, "write", wf.Permissions["pull-requests"])
	var sarif, uploaded, cond string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if v, ok := s.With["sarif-file"]; ok {
				sarif = v
			}
			if v, ok := s.With["sarif_file"]; ok {
				uploaded, cond = v, s.If
			}
		}
	}
	require.NotEmpty(t, sarif, "no step passes sarif-file")
	p, err := sarifInput(func(string) string { return sarif })
	require.NoError(t, err)
	assert.Equal(t, sarif, p)
	assert.Equal(t, sarif, uploaded, "upload-sarif uploads the file reviewbot writes")
	assert.Contains(t, cond, "always()", "findings that fail the step are uploaded too")
}
