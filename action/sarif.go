package action

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/reviewbot/reviewbot/report"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// sarifInput reads the sarif-file input: a path relative to the workspace,
// without "..", or empty for no SARIF.
func sarifInput(in func(string) string) (string, error) {
	p := strings.TrimPrefix(in("sarif-file"), "./")
	if p == "" {
		return "", nil
	}
	if filepath.IsAbs(p) || strings.HasPrefix(p, "/") || !filepath.IsLocal(filepath.FromSlash(p)) {
		return "", fmt.Errorf("input sarif-file %q: give a path relative to the workspace, without .., such as reviewbot.sarif (then pass the same path to github/codeql-action/upload-sarif)", p)
	}
	return p, nil
}

// writeSARIF writes the review as SARIF 2.1.0 to the sarif-file input's
// path, below GITHUB_WORKSPACE (the container's working directory when it
// is not set), for github/codeql-action/upload-sarif. It is written before
// anything is posted, so a failure to post loses nothing.
func (rv *reviewer) writeSARIF(res *review.Result) error {
	p := rv.cfg.SARIFFile
	if p == "" {
		return nil
	}
	if ws := rv.workspace; ws != "" {
		p = filepath.Join(ws, filepath.FromSlash(p))
	}
	var b bytes.Buffer
	if err := report.SARIF(&b, res, rules.All); err != nil {
		return fmt.Errorf("input sarif-file %q: %w", rv.cfg.SARIFFile, err)
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("input sarif-file %q: %w", rv.cfg.SARIFFile, err)
	}
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("input sarif-file %q: %w", rv.cfg.SARIFFile, err)
	}
	rv.r.logf("SARIF with %d result(s) written to %s", len(res.Findings), rv.cfg.SARIFFile)
	return nil
}
