package review

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/internal/corpus"
)

func loadCorpusGuidance(t *testing.T) *checklist.Guidance {
	t.Helper()
	dir, err := corpus.Dir()
	require.NoError(t, err)
	p := filepath.Join(dir, "guidance", "msal-mtls-pop-guidance.SKILL.md")
	b, err := os.ReadFile(p)
	if os.IsNotExist(err) {
		t.Skipf("real-variant guidance not found at %s: run from a checkout with ../shared beside it", p)
	}
	require.NoError(t, err)
	g, err := checklist.Parse(p, b)
	require.NoError(t, err)
	return g
}
