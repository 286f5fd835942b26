// Package source is the rules' model of one file of a change: its new
// text by line, which lines the change added, Markdown structure (front
// matter, headings, fenced code blocks, prose), the one C# literal lexer,
// C# comments, members and scopes, the examples a document marks as bad,
// the prose units (a paragraph, a comment, a message string) the
// terminology rules read, and the trigger index: one automaton over every
// rule's trigger words, run once over the file's lines, which the rules
// and the driver read instead of searching the lines themselves. What the
// words mean, and what is wrong, is the rules' business.
package source
