package checklist

import (
	_ "embed"
)

// defaultName names the embedded guidance in sources, items and warnings.
const defaultName = "default-guidance.md (embedded)"

//go:embed default-guidance.md
var defaultGuidance []byte

// DefaultGlobs is the scope used when a guidance has no applies_to glob:
// the four globs of the team's shared guidance.
var DefaultGlobs = []string{
	"**/*mtls*/**",
	"**/*pop*/**",
	"**/ClientCredentialsMtlsPopTests.cs",
	"**/ManagedIdentity*/**",
}

// parseDefault parses the embedded guidance. Should the document ever
// fail to parse (a test guards against it), it returns a guidance with the
// default scope and a warning saying what went wrong.
func parseDefault() *Guidance {
	g, err := Parse(defaultName, defaultGuidance)
	if err != nil {
		g = &Guidance{Sources: []string{defaultName}, Globs: append([]string(nil), DefaultGlobs...),
			Warnings: []Warning{{Source: defaultName, Message: "embedded guidance unusable: " + err.Error()}}}
		fillEmptyLists(g)
	}
	return g
}

// Default returns the embedded default guidance, each call its own copy,
// so callers may change it. It is parsed when reviewbot is built, not in
// every run: preparsedDefault (default_parsed.go) is what parseDefault
// returns, written out as Go, and TestDefaultIsPreparsed holds the two
// equal. Parsing it took about 3 ms of every process, more than half of a
// small review's own work.
func Default() *Guidance {
	return preparsedDefault.Clone()
}
