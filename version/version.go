// Package version says which reviewbot build is running: the CLI prints it
// and SARIF names it as the tool's version.
package version

import "runtime/debug"

// tag is set at build time:
// go build -ldflags "-X github.com/reviewbot/reviewbot/version.tag=v1.2.3".
var tag = ""

// String returns the -ldflags tag, else the module version from the build
// info (set by `go install module@version`), else "devel".
func String() string {
	if tag != "" {
		return tag
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
