package action

import (
	"strings"

	"github.com/reviewbot/reviewbot/report"
)

// defaultServerURL is GitHub's web address when GITHUB_SERVER_URL is unset.
const defaultServerURL = "https://github.com"

// linkOptions are the summary's options that link paths and findings to
// the PR's head: the repository's web URL, the head commit and the PR.
func (rv *reviewer) linkOptions() report.MarkdownOptions {
	server := strings.TrimRight(rv.serverURL, "/")
	if server == "" {
		server = defaultServerURL
	}
	return report.MarkdownOptions{
		RepoURL: server + "/" + rv.t.Owner + "/" + rv.t.Repo,
		HeadSHA: strings.ToLower(rv.t.HeadSHA),
		PR:      rv.t.Number,
	}
}
