// Package report renders a review.Result for people and machines: text
// (actionlint-style lines), versioned JSON, the Markdown summary the action
// posts, and SARIF 2.1.0 for code scanning.
package report
