package source

// LogMethodHints hold a piece of every name in logMethods.
var LogMethodHints = []string{"Write", "Print", "Trace", "Log", "Info", "Verbose", "Warn", "Error", "Always", "Debug", "Fatal"}

// SecretHints hold a piece (lower case) of every name secretName accepts.
var SecretHints = []string{"token", "assertion", "secret", "privatekey", "password", "jwt"}
