package source

// audienceHints hold (lower case) a piece that survives in any near-miss
// audienceProblem reports (edit distance 3 at most).
var audienceHints = []string{"azuread", "tokenex", "okenexc", "exchange"}
