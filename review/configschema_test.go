package review

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"gopkg.in/yaml.v3"
)

// librarySchema is ConfigSchema compiled by the JSON Schema library the
// interpreter in configschema.go stands in for. Compiling it also checks
// the schema against the draft 2020-12 meta-schema.
var librarySchema = sync.OnceValues(func() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(ConfigSchema))
	if err != nil {
		return nil, err
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("config.schema.json", doc); err != nil {
		return nil, err
	}
	return c.Compile("config.schema.json")
})

// libraryProblems validates v with the library and returns its leaf
// errors as schemaProblems, as the library's error tree used to be read.
func libraryProblems(t testing.TB, v any) []schemaProblem {
	t.Helper()
	sch, err := librarySchema()
	if err != nil {
		t.Fatalf("the library does not compile config.schema.json: %v", err)
	}
	err = sch.Validate(v)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		t.Fatalf("library: %v", err)
	}
	p := message.NewPrinter(language.English)
	var out []schemaProblem
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		_, names := e.ErrorKind.(*kind.PropertyNames) // a leaf: its causes are the name's
		if len(e.Causes) > 0 && !names {
			for _, c := range e.Causes {
				walk(c)
			}
			return
		}
		pr := schemaProblem{loc: slices.Clone(e.InstanceLocation), text: e.ErrorKind.LocalizedString(p)}
		if kp := e.ErrorKind.KeywordPath(); len(kp) > 0 {
			pr.keyword = kp[len(kp)-1]
		}
		switch k := e.ErrorKind.(type) {
		case *kind.AdditionalProperties:
			pr.names = slices.Clone(k.Properties)
		case *kind.PropertyNames:
			pr.names = []string{k.Property}
			// The library keeps this error's instance location as a
			// slice that the next sibling's path then overwrites (so
			// "rules" could read "fail-on"); the schema location says
			// where the object is.
			pr.loc = propertiesPath(t, e.SchemaURL)
		}
		out = append(out, pr)
	}
	walk(ve)
	return out
}

// propertiesPath turns the schema location of a propertyNames keyword,
// "...#/properties/rules/propertyNames", into the instance location of
// its object, [rules].
func propertiesPath(t testing.TB, url string) []string {
	t.Helper()
	_, frag, _ := strings.Cut(url, "#")
	toks := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	var loc []string
	for i := 0; i+1 < len(toks); i += 2 {
		if toks[i] != "properties" {
			t.Fatalf("propertyNames at %s: only paths of properties/<name> are read", url)
		}
		loc = append(loc, toks[i+1])
	}
	return loc
}

// problemKeys renders problems in one order, for comparing. The library
// lists unknown keys in map order, so they are sorted.
func problemKeys(ps []schemaProblem) []string {
	var out []string
	for _, p := range ps {
		names := slices.Sorted(slices.Values(p.names))
		text := p.text
		if p.keyword == "additionalProperties" {
			text = "additional properties " + joinSingleQuoted(names) + " not allowed"
		}
		out = append(out, fmt.Sprintf("%s | %s | %q | %s", strings.Join(p.loc, "."), p.keyword, names, text))
	}
	slices.Sort(out)
	return out
}

// checkSameAsLibrary parses YAML as ParseConfig does and fails when the
// interpreter's problems differ from the library's.
func checkSameAsLibrary(t *testing.T, in []byte) {
	t.Helper()
	var doc yaml.Node
	if yaml.Unmarshal(in, &doc) != nil || len(doc.Content) == 0 {
		return
	}
	v, err := nodeValue("f.yml", doc.Content[0])
	if err != nil {
		return
	}
	sch, err := configSchemaNode()
	if err != nil {
		t.Fatal(err)
	}
	var got []schemaProblem
	sch.validate(message.NewPrinter(language.English), v, nil, &got)
	want := libraryProblems(t, v)
	if g, w := problemKeys(got), problemKeys(want); !slices.Equal(g, w) {
		t.Fatalf("on %q:\ninterpreter %q\nlibrary     %q", in, g, w)
	}
}

// TestConfigSchemaMatchesLibrary: on every kind of mistake the schema
// catches, and on valid files, the interpreter finds what the library
// finds, with the library's words.
func TestConfigSchemaMatchesLibrary(t *testing.T) {
	for _, in := range configSchemaSeeds {
		checkSameAsLibrary(t, []byte(in))
	}
}

// TestConfigSchemaKeywords: a keyword the interpreter does not know fails
// the load instead of being ignored.
func TestConfigSchemaKeywords(t *testing.T) {
	_, err := loadSchemaNode(map[string]any{"type": "object", "maxProperties": 3}, "#")
	if err == nil || !strings.Contains(err.Error(), "#/maxProperties: keyword not supported") {
		t.Fatalf("loadSchemaNode with maxProperties: %v, want an error naming it", err)
	}
	if _, err := configSchemaNode(); err != nil {
		t.Fatal(err)
	}
}

var configSchemaSeeds = []string{
	issueExample,
	"rules: {}\nfail_on: error\n",
	"rules:\n  ambiguous-pop: {severity: fatal}\n",
	"rules:\n  secret-logging:\n    enabled: \"no\"\n",
	"rules:\n  secret-logging: {enable: false}\n",
	"rules:\n  secret-logging: {}\n",
	"rules:\n  secret-logging: off\n",
	"rules:\n  Secret_Logging: {enabled: false}\n",
	"rules:\n  Bad_ID: {}\n  Other_Bad: {enabled: 1}\n",
	"ignore: docs/**\n",
	"ignore: [\"\", 3, null, [a]]\n",
	"max-comments: -1\n",
	"max-comments: 1001\n",
	"max-comments: 99999999999999999999\n",
	"max-comments: 1e3\n",
	"max-comments: 1.5\n",
	"max-comments: .nan\n",
	"max-comments: -.inf\n",
	"max-comments: lots\n",
	"max-comments: !!timestamp 2001-12-14\n",
	"fail-on: always\n",
	"fail-on: [1]\n",
	"fail-on: null\n",
	"inline-level: never\n",
	"- rules\n",
	"5\n",
	"~\n",
	"fail-on: always\nmax-comments: -1\nfoo: 1\nbar: {x: 1}\n",
	"rules: []\nignore: {}\ninline-level: 3\n",
	"rules:\n  a: {enabled: false, severity: notice, x: 1, y: 2}\n",
	"rules:\n  \"it's\": {enabled: true}\n",
	"rules:\n  \"é\\u00e9\": {enabled: true}\n",
}

// FuzzConfigSchemaMatchesLibrary holds the interpreter to the library on
// any YAML.
func FuzzConfigSchemaMatchesLibrary(f *testing.F) {
	for _, s := range configSchemaSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		checkSameAsLibrary(t, in)
	})
}
