package review

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"gopkg.in/yaml.v3"

	"github.com/reviewbot/reviewbot/rules"
)

// DefaultConfigPath is where the action looks for the configuration file
// when the config input is left at its default.
const DefaultConfigPath = ".github/reviewbot.yml"

// ConfigSchema is the JSON schema (draft 2020-12) a configuration file is
// validated against.
//
//go:embed config.schema.json
var ConfigSchema []byte

// Config is a repository's reviewbot configuration file
// (.github/reviewbot.yml). A nil field or map leaves the default.
type Config struct {
	// Source names the file, as errors and notes cite it.
	Source string
	// Disabled holds the IDs of rules turned off (enabled: false).
	Disabled map[string]bool
	// Severity maps rule IDs to the severity their findings get.
	Severity map[string]rules.Severity
	// Ignore holds path globs of files that are not reviewed.
	Ignore []string
	// InlineLevel is the lowest severity posted inline, when set.
	InlineLevel *rules.Severity
	// MaxComments caps the inline comments of one review, when set.
	MaxComments *int
	// FailOn is the lowest severity that fails, when set; 0 means never.
	FailOn *rules.Severity
}

// Apply sets the engine's options from the configuration: rules off,
// severity overrides and ignore globs. The other settings are the
// callers' (the CLI's fail-on, the action's inline policy).
func (c *Config) Apply(o *Options) {
	if c == nil {
		return
	}
	o.DisabledRules = c.Disabled
	o.Severities = c.Severity
	o.Ignore = c.Ignore
	o.IgnoreSource = c.Source
}

// ParseConfig reads a configuration file. known lists the rules a rules
// entry may name (nil means rules.All). Errors are one line,
// "file:line:col: what is wrong: what to write", for the first problem in
// the file, and say how many more there are.
func ParseConfig(name string, data []byte, known []*rules.Rule) (*Config, error) {
	if known == nil {
		known = rules.All
	}
	c := &Config{Source: name}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %s: fix the YAML", name, yamlErrText(err))
	}
	if len(doc.Content) == 0 {
		return c, nil // an empty file changes nothing
	}
	root := doc.Content[0]
	v, err := nodeValue(name, root)
	if err != nil {
		return nil, err
	}
	sch, err := configSchemaNode()
	if err != nil {
		return nil, err
	}
	p := message.NewPrinter(language.English)
	var probs []schemaProblem
	sch.validate(p, v, nil, &probs)
	if len(probs) > 0 {
		return nil, schemaError(name, root, probs)
	}

	ids := map[string]bool{}
	for _, r := range known {
		ids[r.ID] = true
	}
	for _, kv := range pairs(root) {
		key, val := kv[0], kv[1]
		switch key.Value {
		case "rules":
			for _, rv := range pairs(val) {
				id := rv[0].Value
				if !ids[id] {
					return nil, fmt.Errorf("%s:%d:%d: rules: no rule %q: write a rule ID that `reviewbot rules` lists", name, rv[0].Line, rv[0].Column, id)
				}
				for _, setting := range pairs(rv[1]) {
					switch setting[0].Value {
					case "enabled":
						if setting[1].Value == "false" {
							if c.Disabled == nil {
								c.Disabled = map[string]bool{}
							}
							c.Disabled[id] = true
						}
					case "severity":
						s, _ := rules.ParseSeverity(setting[1].Value) // the schema checked it
						if c.Severity == nil {
							c.Severity = map[string]rules.Severity{}
						}
						c.Severity[id] = s
					}
				}
			}
		case "ignore":
			for _, g := range val.Content {
				if !doublestar.ValidatePattern(g.Value) {
					return nil, fmt.Errorf("%s:%d:%d: ignore: %q is not a valid glob: fix its brackets or braces", name, g.Line, g.Column, g.Value)
				}
				c.Ignore = append(c.Ignore, g.Value)
			}
		case "inline-level":
			s, _ := rules.ParseSeverity(val.Value)
			c.InlineLevel = &s
		case "max-comments":
			// The schema took it for an integer; YAML also spells one
			// as 1e3 or 0x10, which Atoi does not read.
			n, err := strconv.Atoi(val.Value)
			if err != nil {
				return nil, fmt.Errorf("%s:%d:%d: max-comments: %q is not written in digits: write a whole number from 0 to 1000, such as 100", name, val.Line, val.Column, val.Value)
			}
			c.MaxComments = &n
		case "fail-on":
			var s rules.Severity // never
			if val.Value != "never" {
				s, _ = rules.ParseSeverity(val.Value)
			}
			c.FailOn = &s
		}
	}
	return c, nil
}

// pairs returns the key and value nodes of a mapping node.
func pairs(n *yaml.Node) [][2]*yaml.Node {
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, [2]*yaml.Node{n.Content[i], n.Content[i+1]})
	}
	return out
}

// yamlErrText turns yaml.v3's "yaml: line 3: did not find..." into
// "line 3: did not find...".
func yamlErrText(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	return strings.Join(strings.Fields(s), " ")
}

// nodeValue converts a YAML node to the JSON-like value the schema
// validator reads: mapping keys are strings, duplicate keys and anchors
// are refused.
func nodeValue(name string, n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for _, kv := range pairs(n) {
			if kv[0].Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s:%d:%d: a key must be a plain name: write key: value", name, kv[0].Line, kv[0].Column)
			}
			if _, dup := m[kv[0].Value]; dup {
				return nil, fmt.Errorf("%s:%d:%d: key %q is given twice: keep one", name, kv[0].Line, kv[0].Column, kv[0].Value)
			}
			v, err := nodeValue(name, kv[1])
			if err != nil {
				return nil, err
			}
			m[kv[0].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := nodeValue(name, c)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s:%d:%d: %s: quote the value", name, n.Line, n.Column, yamlErrText(err))
		}
		return v, nil
	case yaml.AliasNode:
		return nil, fmt.Errorf("%s:%d:%d: YAML aliases are not supported here: write the value out", name, n.Line, n.Column)
	}
	return nil, fmt.Errorf("%s:%d:%d: unexpected YAML: write a mapping of settings", name, n.Line, n.Column)
}

// schemaError turns the schema's problems into one line on the first
// problem in the file, with where it is and what to write.
func schemaError(name string, root *yaml.Node, found []schemaProblem) error {
	type problem struct {
		line, col int
		text      string
	}
	var probs []problem
	for _, e := range found {
		node, key := locate(root, e.loc)
		where := strings.Join(e.loc, ".")
		msg := e.text
		switch e.keyword {
		case "additionalProperties":
			// The first unknown key in the file is the one named.
			var first *yaml.Node
			for _, k := range e.names {
				if kn := keyNode(node, k); kn != nil && (first == nil || kn.Line < first.Line || kn.Line == first.Line && kn.Column < first.Column) {
					first = kn
				}
			}
			if first != nil {
				node = first
				msg = fmt.Sprintf("unknown key %q", first.Value)
			}
		case "propertyNames":
			if kn := keyNode(node, e.names[0]); kn != nil {
				node = kn
			}
			msg = fmt.Sprintf("%q is not a rule ID", e.names[0])
		default:
			if key != nil && node == nil {
				node = key
			}
		}
		if node == nil {
			node = root
		}
		if where != "" {
			msg = where + ": " + msg
		}
		probs = append(probs, problem{node.Line, node.Column, msg + ": " + hint(e.loc, e.keyword)})
	}
	sort.Slice(probs, func(i, j int) bool {
		if probs[i].line != probs[j].line {
			return probs[i].line < probs[j].line
		}
		if probs[i].col != probs[j].col {
			return probs[i].col < probs[j].col
		}
		return probs[i].text < probs[j].text
	})
	first := probs[0]
	more := ""
	if n := len(probs) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more %s)", n, map[bool]string{true: "problem", false: "problems"}[n == 1])
	}
	return fmt.Errorf("%s:%d:%d: %s%s", name, first.line, first.col, first.text, more)
}

// locate finds the value node at a JSON pointer's tokens, and the key node
// that names it.
func locate(root *yaml.Node, loc []string) (val, key *yaml.Node) {
	n := root
	for _, tok := range loc {
		switch n.Kind {
		case yaml.MappingNode:
			var next *yaml.Node
			for _, kv := range pairs(n) {
				if kv[0].Value == tok {
					key, next = kv[0], kv[1]
				}
			}
			if next == nil {
				return nil, key
			}
			n = next
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return nil, key
			}
			n = n.Content[i]
		default:
			return nil, key
		}
	}
	return n, key
}

// keyNode returns the key node named k of a mapping node.
func keyNode(m *yaml.Node, k string) *yaml.Node {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for _, kv := range pairs(m) {
		if kv[0].Value == k {
			return kv[0]
		}
	}
	return nil
}

// hint says what to write at loc, where keyword failed.
func hint(loc []string, keyword string) string {
	const sev = "write error, warning or notice"
	switch {
	case len(loc) == 0:
		if keyword == "type" {
			return "write a mapping of settings: rules, ignore, inline-level, max-comments, fail-on"
		}
		return "the settings are rules, ignore, inline-level, max-comments and fail-on"
	case loc[0] == "rules" && len(loc) == 1:
		if keyword == "propertyNames" {
			return "write a rule ID as `reviewbot rules` lists it (kebab-case)"
		}
		return "write one entry a rule, e.g. `secret-logging: {enabled: false}`"
	case loc[0] == "rules" && len(loc) == 2:
		return "write `enabled: false` or `severity: warning` under the rule ID"
	case loc[0] == "rules" && loc[2] == "enabled":
		return "write enabled: true or enabled: false"
	case loc[0] == "rules" && loc[2] == "severity", loc[0] == "inline-level":
		return sev
	case loc[0] == "ignore":
		return "write a list of path globs, e.g. ignore: [\"docs/archive/**\"]"
	case loc[0] == "max-comments":
		return "write a whole number from 0 to 1000 (0 puts every finding in the summary)"
	case loc[0] == "fail-on":
		return "write error, warning, notice or never"
	}
	return "see the configuration example in the README"
}
