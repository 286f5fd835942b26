package source

// secretTargetHints hold a piece (lower case) of every secret-named target
// secretTargetRe and inlineSecretRe know.
var secretTargetHints = []string{"secret", "password", "passwd", "pwd", "api_key", "apikey"}
