package source

// placeholderHints hold a piece (lower case) of everything placeholderIn
// finds.
var placeholderHints = []string{"your", "replace", "change", "insert", "here", "\"<", "/<", "xxxxxxxx", "login.", "path/to", `path\to`, `path\\to`}
