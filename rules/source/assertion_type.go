package source

// URNHints hold (lower case) a piece of everything urnTokenRe matches.
var URNHints = []string{"urn:", "urn_", "assertion-type", "assertion_type"}
