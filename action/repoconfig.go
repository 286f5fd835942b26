package action

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/go-github/v60/github"

	"github.com/reviewbot/reviewbot/review"
)

// maxRepoConfigBytes bounds the configuration file.
const maxRepoConfigBytes = 64 << 10

// configInput reads the config input: a path relative to the repository
// root; empty means review.DefaultConfigPath.
func configInput(in func(string) string) (string, error) {
	p := strings.TrimPrefix(in("config"), "./")
	if p == "" {
		return review.DefaultConfigPath, nil
	}
	if strings.HasPrefix(p, "/") || strings.Contains("/"+p+"/", "/../") || hasMeta(p) {
		return "", fmt.Errorf("input config %q: give one file's path relative to the repository root, without .. or globs (it is read from the PR's base commit)", p)
	}
	return p, nil
}

// loadRepoConfig reads the configuration file from the PR's base commit,
// like the guidance, so a PR cannot weaken its own review, and applies its
// inline-level, max-comments and fail-on over the inputs. A missing file at
// the default path means no configuration; at a path the config input
// names, it is an error.
func (rv *reviewer) loadRepoConfig(ctx context.Context) (*review.Config, error) {
	p := rv.cfg.ConfigFile
	if p == "" {
		return nil, nil
	}
	base := rv.t.BaseSHA
	data, found, err := rv.g.getContent(ctx, p, base, maxRepoConfigBytes)
	switch {
	case errors.Is(err, errTooLarge):
		return nil, fmt.Errorf("input config %q is larger than %d bytes: keep the configuration short", p, maxRepoConfigBytes)
	case err != nil:
		return nil, fmt.Errorf("read config %q at the base commit: %w", p, err)
	case !found && p == review.DefaultConfigPath:
		rv.r.logf("no %s at base commit %.12s: default settings", p, base)
		return nil, nil
	case !found:
		return nil, fmt.Errorf("input config %q: no such file at the PR's base commit %.7s: commit it to the base branch first, or leave config empty for %s", p, base, review.DefaultConfigPath)
	}
	c, err := review.ParseConfig(p, data, nil)
	if err != nil {
		return nil, fmt.Errorf("config at the base commit %.7s: %w", base, err)
	}
	if c.InlineLevel != nil {
		rv.cfg.InlineLevel = *c.InlineLevel
	}
	if c.MaxComments != nil {
		rv.cfg.MaxComments = *c.MaxComments
	}
	if c.FailOn != nil {
		rv.cfg.FailOn = *c.FailOn
	}
	rv.r.logf("config read from base commit %.12s: %s", base, p)
	return c, nil
}

// noteConfigChange tells the summary when the PR changes the configuration
// file: its changes apply once merged, not to this PR's own review.
func (rv *reviewer) noteConfigChange(files []*github.CommitFile) {
	p := rv.cfg.ConfigFile
	if p == "" || len(guidanceChanged(files, []string{p})) == 0 {
		return
	}
	rv.notes = append(rv.notes, fmt.Sprintf("This PR changes the reviewbot configuration (%s): it was reviewed with the base branch's version, so a PR cannot weaken its own review; the changes apply once merged.", quoteList([]string{p})))
}
