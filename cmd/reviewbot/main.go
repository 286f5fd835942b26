// Command reviewbot reviews MSAL.NET pull requests that touch mTLS PoP code
// against the team's guidance. See `reviewbot help`.
package main

import (
	"os"

	"github.com/reviewbot/reviewbot/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
