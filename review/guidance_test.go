package review

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/checklist"
)

func loadCorpusGuidance(t *testing.T) *checklist.Guidance {
	t.Helper()
	p := filepath.Join(corpusDir, "guidance", "msal-mtls-pop-guidance.SKILL.md")
	b, err := os.ReadFile(p)
	if os.IsNotExist(err) {
		t.Skipf("real-variant guidance not found at %s: run from a checkout with ../shared beside it", p)
	}
	require.NoError(t, err)
	g, err := checklist.Parse(p, b)
	require.NoError(t, err)
	return g
}
