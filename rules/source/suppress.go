package source

// SuppressionMarker starts an inline suppression comment:
// `// reviewbot:ignore <rule-id> <reason>` in C#,
// `<!-- reviewbot:ignore <rule-id> <reason> -->` in Markdown.
const SuppressionMarker = "reviewbot:ignore"
