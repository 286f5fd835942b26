package checklist

import (
	_ "embed"
	"sync"
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

// DefaultSource returns the embedded default guidance document as written.
func DefaultSource() []byte {
	return append([]byte(nil), defaultGuidance...)
}

// parsedDefault parses the embedded guidance once.
var parsedDefault = sync.OnceValue(func() *Guidance {
	g, err := Parse(defaultName, defaultGuidance)
	if err != nil {
		g = &Guidance{Sources: []string{defaultName}, Globs: append([]string(nil), DefaultGlobs...),
			Warnings: []Warning{{Source: defaultName, Message: "embedded guidance unusable: " + err.Error()}}}
		normalize(g)
	}
	return g
})

// Default returns the embedded default guidance. It is parsed once and each
// call gets its own copy, so callers may change it. Should the embedded
// document ever fail to parse (a test guards against it), Default still
// returns a guidance with the default scope and a warning saying what went
// wrong.
func Default() *Guidance {
	return parsedDefault().Clone()
}
