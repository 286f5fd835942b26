package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/message"
)

// The configuration is validated against ConfigSchema by a small
// interpreter of the keywords that schema uses, not by a JSON Schema
// library: the library reviewbot used (santhosh-tekuri/jsonschema) compiles
// every draft's meta-schemas in its package init, 6.5 ms of every process
// (docs/benchmarks.md), although few runs read a configuration file at
// all. Its messages are kept word for word, and TestConfigSchemaMatchesLibrary
// and FuzzConfigSchemaMatchesLibrary hold the interpreter to the library
// (linked into the tests only). A keyword the interpreter does not know
// makes loading the schema fail, so a schema change cannot be silently
// ignored.

// schemaNode is one (sub)schema of ConfigSchema.
type schemaNode struct {
	typ           string // "" means any type
	enum          []string
	hasEnum       bool
	properties    map[string]*schemaNode
	additional    *schemaNode // the schema of the other properties
	noAdditional  bool        // additionalProperties: false
	propertyNames *schemaNode
	minProperties *int
	items         *schemaNode
	minLength     *int
	pattern       *regexp.Regexp
	minimum       *big.Rat
	maximum       *big.Rat
}

// schemaProblem is one way a value breaks the schema: where (the JSON
// pointer tokens of the value), the keyword that failed, the property
// names it is about (additionalProperties, propertyNames) and the
// library's text for it.
type schemaProblem struct {
	loc     []string
	keyword string
	names   []string
	text    string
}

// configSchemaNode loads ConfigSchema once, on first use.
var configSchemaNode = sync.OnceValues(func() (*schemaNode, error) {
	d := json.NewDecoder(bytes.NewReader(ConfigSchema))
	d.UseNumber()
	var doc any
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("config schema: %w", err)
	}
	s, err := loadSchemaNode(doc, "#")
	if err != nil {
		return nil, fmt.Errorf("config schema: %w", err)
	}
	return s, nil
})

// loadSchemaNode reads one schema object; at names where it is, for errors.
func loadSchemaNode(doc any, at string) (*schemaNode, error) {
	obj, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: a schema here must be an object", at)
	}
	s := &schemaNode{}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := obj[k]
		where := at + "/" + k
		var err error
		switch k {
		case "$schema", "$id", "title", "description":
			// annotations
		case "type":
			t, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%s: only a single type name is supported", where)
			}
			s.typ = t
		case "enum":
			vs, ok := v.([]any)
			if !ok {
				return nil, fmt.Errorf("%s: must be an array", where)
			}
			s.hasEnum = true
			for _, e := range vs {
				str, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("%s: only string values are supported", where)
				}
				s.enum = append(s.enum, str)
			}
		case "properties":
			ps, ok := v.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("%s: must be an object", where)
			}
			s.properties = map[string]*schemaNode{}
			for name, p := range ps {
				if s.properties[name], err = loadSchemaNode(p, where+"/"+name); err != nil {
					return nil, err
				}
			}
		case "additionalProperties":
			if b, ok := v.(bool); ok {
				s.noAdditional = !b
				break
			}
			s.additional, err = loadSchemaNode(v, where)
		case "propertyNames":
			s.propertyNames, err = loadSchemaNode(v, where)
		case "items":
			s.items, err = loadSchemaNode(v, where)
		case "minProperties":
			s.minProperties, err = schemaInt(v, where)
		case "minLength":
			s.minLength, err = schemaInt(v, where)
		case "pattern":
			p, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%s: must be a string", where)
			}
			s.pattern, err = regexp.Compile(p)
		case "minimum":
			s.minimum, err = schemaRat(v, where)
		case "maximum":
			s.maximum, err = schemaRat(v, where)
		default:
			return nil, fmt.Errorf("%s: keyword not supported by reviewbot's validator: support it in review/configschema.go", where)
		}
		if err != nil {
			return nil, err
		}
	}
	return s, nil
}

func schemaInt(v any, where string) (*int, error) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("%s: must be a number", where)
	}
	i, err := strconv.Atoi(n.String())
	if err != nil {
		return nil, fmt.Errorf("%s: must be a whole number", where)
	}
	return &i, nil
}

func schemaRat(v any, where string) (*big.Rat, error) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("%s: must be a number", where)
	}
	r, ok := new(big.Rat).SetString(n.String())
	if !ok {
		return nil, fmt.Errorf("%s: %q is not a number", where, n)
	}
	return r, nil
}

// validate appends to out the problems of v, at loc, against s. It checks
// what the library checks, in its order: a value of the wrong type or
// outside the enum gets that problem alone; an object, array, string or
// number then gets the problems of its own keywords and of its parts.
func (s *schemaNode) validate(p *message.Printer, v any, loc []string, out *[]schemaProblem) {
	add := func(keyword string, names []string, text string) {
		*out = append(*out, schemaProblem{loc: loc, keyword: keyword, names: names, text: text})
	}
	t := jsonTypeOf(v)
	if t == "" {
		add("", nil, p.Sprintf("invalid jsonType %T", v))
		return
	}
	if s.typ != "" && t != s.typ && !(s.typ == "integer" && t == "number" && isWholeNumber(v)) {
		add("type", nil, p.Sprintf("got %s, want %s", t, s.typ))
		return
	}
	if s.hasEnum {
		str, ok := v.(string)
		found := false
		for _, e := range s.enum {
			found = found || ok && e == str
		}
		if !found {
			add("enum", nil, enumText(p, s.enum))
			return
		}
	}
	child := func(tok string) []string {
		return append(append(make([]string, 0, len(loc)+1), loc...), tok)
	}
	switch v := v.(type) {
	case map[string]any:
		if s.minProperties != nil && len(v) < *s.minProperties {
			add("minProperties", nil, p.Sprintf("minProperties: got %d, want %d", len(v), *s.minProperties))
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var unknown []string
		for _, k := range keys {
			switch sub, ok := s.properties[k]; {
			case ok:
				sub.validate(p, v[k], child(k), out)
			case s.additional != nil:
				s.additional.validate(p, v[k], child(k), out)
			case s.noAdditional:
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			add("additionalProperties", unknown, p.Sprintf("additional properties %s not allowed", joinSingleQuoted(unknown)))
		}
		if s.propertyNames != nil {
			for _, k := range keys {
				var sub []schemaProblem
				s.propertyNames.validate(p, k, nil, &sub)
				if len(sub) > 0 {
					add("propertyNames", []string{k}, p.Sprintf("invalid propertyName %s", singleQuote(k)))
				}
			}
		}
	case []any:
		if s.items != nil {
			for i, item := range v {
				s.items.validate(p, item, child(strconv.Itoa(i)), out)
			}
		}
	case string:
		if n := utf8.RuneCountInString(v); s.minLength != nil && n < *s.minLength {
			add("minLength", nil, p.Sprintf("minLength: got %d, want %d", n, *s.minLength))
		}
		if s.pattern != nil && !s.pattern.MatchString(v) {
			add("pattern", nil, p.Sprintf("%s does not match pattern %s", singleQuote(v), singleQuote(s.pattern.String())))
		}
	default: // a number
		if s.minimum == nil && s.maximum == nil {
			return
		}
		n, _ := new(big.Rat).SetString(fmt.Sprintf("%v", v))
		if s.minimum != nil && n.Cmp(s.minimum) < 0 {
			got, _ := n.Float64()
			want, _ := s.minimum.Float64()
			add("minimum", nil, p.Sprintf("minimum: got %v, want %v", got, want))
		}
		if s.maximum != nil && n.Cmp(s.maximum) > 0 {
			got, _ := n.Float64()
			want, _ := s.maximum.Float64()
			add("maximum", nil, p.Sprintf("maximum: got %v, want %v", got, want))
		}
	}
}

// jsonTypeOf names the JSON type of a decoded value, "" for one that is
// none (NaN, infinities, a YAML timestamp or binary).
func jsonTypeOf(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ""
		}
		return "number"
	case float32:
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return ""
		}
		return "number"
	case json.Number, int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return ""
}

// isWholeNumber reports whether a number has no fraction (1000 and 1e3
// are integers to JSON Schema).
func isWholeNumber(v any) bool {
	r, ok := new(big.Rat).SetString(fmt.Sprint(v))
	return ok && r.IsInt()
}

// enumText is the library's text for a value outside a string enum.
func enumText(p *message.Printer, want []string) string {
	if len(want) == 1 {
		return p.Sprintf("value must be %s", singleQuote(want[0]))
	}
	return p.Sprintf("value must be one of %s", joinSingleQuoted(want))
}

// singleQuote quotes s in single quotes, escaped as Go quotes it.
func singleQuote(s string) string {
	s = strconv.Quote(s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

func joinSingleQuoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = singleQuote(s)
	}
	return strings.Join(q, ", ")
}
