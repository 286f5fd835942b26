package diff

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// FromGit runs `git diff` in the repository at dir and parses its output.
// rangeSpec is what git diff takes as its revision argument ("BASE...HEAD",
// "HEAD~1", a single commit); empty means the working tree against the
// index. Renames are detected (-M); colour, external diff drivers and
// textconv filters are off and the a/ b/ prefixes forced, whatever the
// user's git configuration says.
//
// A rangeSpec starting with '-' is refused, so it cannot smuggle in a git
// option. A git failure is returned with the first line of git's stderr.
func FromGit(ctx context.Context, dir, rangeSpec string) ([]*File, error) {
	if strings.HasPrefix(rangeSpec, "-") {
		return nil, fmt.Errorf("diff: git range %q starts with '-': give revisions like BASE...HEAD, not options", rangeSpec)
	}
	args := []string{"-C", dir, "diff", "--no-color", "--no-ext-diff", "--no-textconv",
		"--src-prefix=a/", "--dst-prefix=b/", "-M"}
	if rangeSpec != "" {
		args = append(args, rangeSpec)
	}
	args = append(args, "--")
	cmd := exec.CommandContext(ctx, "git", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("diff: git diff %s in %s: %w", rangeSpec, dir, ctxErr)
		}
		msg := firstLine(stderr.String())
		var exitErr *exec.ExitError
		if msg != "" && errors.As(err, &exitErr) {
			return nil, fmt.Errorf("diff: git diff %s in %s: %s: %w", rangeSpec, dir, msg, err)
		}
		return nil, fmt.Errorf("diff: git diff %s in %s: %w", rangeSpec, dir, err)
	}
	files, err := Parse(&stdout)
	if err != nil {
		return nil, fmt.Errorf("git diff %s in %s: %w", rangeSpec, dir, err)
	}
	return files, nil
}

// firstLine returns the first non-blank line of s, trimmed.
func firstLine(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}
