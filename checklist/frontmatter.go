package checklist

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"gopkg.in/yaml.v3"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// frontMatter is the YAML header of a guidance document. Unknown keys are
// ignored; scalars are read as nodes so that "version: 1.0" (a float to
// YAML) and applies_to entries keep their text and line.
type frontMatter struct {
	SkillName   yaml.Node `yaml:"skill_name"`
	Version     yaml.Node `yaml:"version"`
	Description yaml.Node `yaml:"description"`
	AppliesTo   yaml.Node `yaml:"applies_to"`
	Tags        yaml.Node `yaml:"tags"`
}

// splitFrontMatter cuts data into the YAML between the leading "---" lines
// and the Markdown body. yamlLine and bodyLine are the 1-based file lines
// where each starts.
func splitFrontMatter(name string, data []byte) (yml, body []byte, yamlLine, bodyLine int, err error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if strings.TrimRight(string(first), " \t\r") != "---" {
		return nil, nil, 0, 0, fmt.Errorf("%s: no YAML front matter at line 1: start the file with --- and an applies_to list", name)
	}
	off := len(first) + 1
	for line := 2; off <= len(data); line++ {
		l, _, found := bytes.Cut(data[off:], []byte("\n"))
		if t := strings.TrimRight(string(l), " \t\r"); t == "---" || t == "..." {
			bodyStart := off + len(l)
			if found {
				bodyStart++
			}
			return data[len(first)+1 : off], data[bodyStart:], 2, line + 1, nil
		}
		if !found {
			break
		}
		off += len(l) + 1
	}
	return nil, nil, 0, 0, fmt.Errorf("%s:1: YAML front matter is not closed: end it with a --- line before the Markdown", name)
}

// defaultScopeUsed ends the warning about label-only applies_to; Merge
// rewrites it when another document brings globs.
const defaultScopeUsed = "the default scope is used (%s)"

var yamlLineRE = prefilter.MustCompile(`line (\d+)`)

// yamlError turns a yaml.v3 error into one line whose line numbers are the
// file's, and returns the first such line.
func yamlError(err error, offset int) (string, int) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.TrimPrefix(msg, "unmarshal errors:\n")
	// yaml.v3 reports a parser error found "while parsing" a collection
	// at the collection's 0-based line; make it 1-based like the others.
	fix := 0
	if strings.Contains(msg, "did not find expected") || strings.Contains(msg, "found undefined tag handle") {
		fix = 1
	}
	first := 0
	msg = yamlLineRE.ReplaceAllStringFunc(msg, func(s string) string {
		n, convErr := strconv.Atoi(s[len("line "):])
		if convErr != nil {
			return s
		}
		n += offset - 1 + fix
		if first == 0 {
			first = n
		}
		return "line " + strconv.Itoa(n)
	})
	lines := strings.Fields(strings.ReplaceAll(msg, "\n", " ; "))
	return strings.Join(lines, " "), first
}

// readFrontMatter decodes the header into g, adding warnings for what it
// cannot use.
func readFrontMatter(name string, yml []byte, yamlLine int, g *Guidance) error {
	var fm frontMatter
	if len(bytes.TrimSpace(yml)) > 0 {
		if err := yaml.Unmarshal(yml, &fm); err != nil {
			msg, line := yamlError(err, yamlLine)
			if line == 0 {
				line = yamlLine
			}
			return fmt.Errorf("%s:%d: invalid YAML front matter: %s", name, line, msg)
		}
	}
	var err error
	if g.SkillName, err = scalar(name, "skill_name", &fm.SkillName, yamlLine); err != nil {
		return err
	}
	if g.Version, err = scalar(name, "version", &fm.Version, yamlLine); err != nil {
		return err
	}
	if g.Description, err = scalar(name, "description", &fm.Description, yamlLine); err != nil {
		return err
	}
	tags, err := list(name, "tags", &fm.Tags, yamlLine)
	if err != nil {
		return err
	}
	for _, t := range tags {
		g.Tags = append(g.Tags, t.Value)
	}
	applies, err := list(name, "applies_to", &fm.AppliesTo, yamlLine)
	if err != nil {
		return err
	}
	var labels []string
	firstLabel := 0
	for _, e := range applies {
		v := strings.TrimSpace(e.Value)
		line := e.Line + yamlLine - 1
		switch {
		case v == "":
			continue
		case !strings.ContainsAny(v, "*?[{"):
			labels = append(labels, v)
			if firstLabel == 0 {
				firstLabel = line
			}
		case !doublestar.ValidatePattern(v):
			g.Warnings = append(g.Warnings, Warning{Source: name, Line: line,
				Message: fmt.Sprintf("applies_to entry %q is not a valid glob: skipped; fix its brackets or braces", v)})
		default:
			g.Globs = append(g.Globs, v)
		}
	}
	g.Labels = labels
	switch {
	case len(labels) > 0 && len(g.Globs) == 0:
		g.Warnings = append(g.Warnings, Warning{Source: name, Line: firstLabel,
			Message: fmt.Sprintf("applies_to holds labels, not path globs (%s): they scope nothing, so "+defaultScopeUsed,
				quoteList(labels), strings.Join(DefaultGlobs, ", "))})
	case len(labels) > 0:
		g.Warnings = append(g.Warnings, Warning{Source: name, Line: firstLabel,
			Message: fmt.Sprintf("applies_to entries %s are labels, not path globs: they scope nothing; only the globs are used", quoteList(labels))})
	case len(g.Globs) == 0:
		line := yamlLine
		if fm.AppliesTo.Line > 0 {
			line = fm.AppliesTo.Line + yamlLine - 1
		}
		g.Warnings = append(g.Warnings, Warning{Source: name, Line: line,
			Message: fmt.Sprintf("no usable applies_to glob: "+defaultScopeUsed, strings.Join(DefaultGlobs, ", "))})
	}
	return nil
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// scalar reads an optional scalar key.
func scalar(name, key string, n *yaml.Node, off int) (string, error) {
	switch n.Kind {
	case 0:
		return "", nil
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "", nil
		}
		return n.Value, nil
	}
	return "", fmt.Errorf("%s:%d: front matter key %s must be a single value", name, n.Line+off-1, key)
}

// list reads an optional key holding a list of scalars, or one scalar.
func list(name, key string, n *yaml.Node, off int) ([]*yaml.Node, error) {
	switch n.Kind {
	case 0:
		return nil, nil
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil, nil
		}
		return []*yaml.Node{n}, nil
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s:%d: front matter %s must be a list of strings", name, c.Line+off-1, key)
			}
		}
		return n.Content, nil
	}
	return nil, fmt.Errorf("%s:%d: front matter %s must be a list of strings", name, n.Line+off-1, key)
}

var errEmpty = errors.New("empty guidance document")
