package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/flow"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

func jsonOf(t *testing.T, r *review.Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestJSONSchema validates the JSON of every golden result, and of an empty
// result, against report/schema.json, and checks the schema rejects broken
// documents.
func TestJSONSchema(t *testing.T) {
	sch := compileSchema(t, "schema.json")
	cases := goldenCases()
	cases = append(cases, struct {
		name string
		r    *review.Result
		opts MarkdownOptions
	}{name: "empty", r: &review.Result{}}, struct {
		name string
		r    *review.Result
		opts MarkdownOptions
	}{name: "notes", r: &review.Result{Notes: []string{"1 file(s) not reviewed, ignored by .github/reviewbot.yml: a.md"}}})
	for _, c := range cases {
		if err := validate(sch, jsonOf(t, c.r)); err != nil {
			t.Errorf("%s: JSON does not validate against schema.json: %v", c.name, err)
		}
	}
	doc := jsonOf(t, ficResult())
	for _, bad := range []struct{ from, to string }{
		{`"status": "fail"`, `"status": "maybe"`},
		{`"version": 1`, `"version": 2`},
		{`"in_scope": true`, `"in_scope": "yes"`},
		{`"severity": "error"`, `"severity": "fatal"`},
		{`"warnings": [`, `"warnings": null, "x": [`},
	} {
		broken := bytes.Replace(doc, []byte(bad.from), []byte(bad.to), 1)
		if bytes.Equal(broken, doc) {
			t.Fatalf("test broken: %q not in the JSON", bad.from)
		}
		if err := validate(sch, broken); err == nil {
			t.Errorf("schema.json accepted JSON with %s", bad.to)
		}
	}
}

// TestJSONEmptyLists checks lists are [] and counts {} even when the result
// has nil everywhere, and that JSON does not change its input.
func TestJSONEmptyLists(t *testing.T) {
	r := &review.Result{Checklist: []review.ItemResult{{Status: review.Manual}}}
	out := string(jsonOf(t, r))
	if strings.Contains(out, "null") {
		t.Errorf("JSON of an empty result has null:\n%s", out)
	}
	for _, want := range []string{`"version": 1`, `"findings": []`, `"variants": []`, `"evidence": []`, `"counts": {}`, `"topics": []`, `"flow": "none"`} {
		if !strings.Contains(out, want) {
			t.Errorf("JSON lacks %s:\n%s", want, out)
		}
	}
	if r.Findings != nil || r.Counts != nil || r.Checklist[0].Topics != nil || r.Version != 0 {
		t.Errorf("JSON changed its input: %+v", r)
	}
	if err := JSON(&bytes.Buffer{}, nil); err == nil {
		t.Error("no error for a nil result")
	}
}

// TestSchemaCoversTypes walks the Go types JSON writes and schema.json side
// by side: every json field must be a schema property and every schema
// property a json field, so the schema cannot drift from review.Result.
func TestSchemaCoversTypes(t *testing.T) {
	raw, err := os.ReadFile("schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatalf("schema.json: %v", err)
	}
	defs, _ := schema["$defs"].(map[string]any)
	resolve := func(node map[string]any) map[string]any {
		if ref, ok := node["$ref"].(string); ok {
			name := strings.TrimPrefix(ref, "#/$defs/")
			d, _ := defs[name].(map[string]any)
			return d
		}
		return node
	}
	var walk func(path string, typ reflect.Type, node map[string]any)
	walk = func(path string, typ reflect.Type, node map[string]any) {
		node = resolve(node)
		if node == nil {
			t.Errorf("%s: no schema", path)
			return
		}
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		switch typ.Kind() {
		case reflect.Slice:
			items, _ := node["items"].(map[string]any)
			if typ.Elem().Kind() == reflect.Struct {
				walk(path+"[]", typ.Elem(), items)
			}
		case reflect.Struct:
			props, _ := node["properties"].(map[string]any)
			fields := jsonFields(typ)
			var goNames, schemaNames []string
			for name := range fields {
				goNames = append(goNames, name)
			}
			for name := range props {
				schemaNames = append(schemaNames, name)
			}
			sort.Strings(goNames)
			sort.Strings(schemaNames)
			if !reflect.DeepEqual(goNames, schemaNames) {
				t.Errorf("%s: Go fields %v, schema properties %v", path, goNames, schemaNames)
			}
			for name, ft := range fields {
				if p, ok := props[name].(map[string]any); ok {
					walk(path+"."+name, ft, p)
				}
			}
		}
	}
	walk("result", reflect.TypeOf(review.Result{}), schema)
	// The leaf types the schema spells out as enums.
	for _, c := range []struct {
		got  string
		enum []string
	}{
		{string(flow.Both), []string{"none", "vanilla", "fic", "both"}},
		{rules.Notice.String(), []string{"error", "warning", "notice"}},
		{string(review.NA), []string{"pass", "fail", "manual", "n/a"}},
	} {
		found := false
		for _, e := range c.enum {
			found = found || e == c.got
		}
		if !found {
			t.Errorf("%q missing from the schema's enum %v", c.got, c.enum)
		}
	}
}

// jsonFields lists the JSON names of a struct's fields, flattening embedded
// structs the way encoding/json does.
func jsonFields(typ reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			for k, v := range jsonFields(f.Type) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// FuzzIndentJSON holds indentJSON to json.Indent on what json.Marshal
// writes for any JSON value: nesting, empty objects and arrays, and
// strings holding quotes, backslashes, punctuation and escapes.
func FuzzIndentJSON(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `{"a":[]}`, `[{},[],[{}]]`, `{"a\"b\\":"x,y:{z}[w]\\\"","n":[1,-2.5e3,true,false,null]}`,
		`{"k":"<tag> & \u2028 é \\u0000"}`, `"just a string"`, `12`, `{"a":{"b":{"c":[1,{"d":"}"}]}}}`,
	} {
		f.Add([]byte(s))
	}
	goldens, _ := filepath.Glob("testdata/*.json.golden")
	if len(goldens) == 0 {
		f.Fatal("no testdata/*.json.golden to seed with")
	}
	for _, p := range goldens {
		golden, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(golden)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var v any
		if json.Unmarshal(data, &v) != nil {
			return
		}
		src, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var want bytes.Buffer
		if err := json.Indent(&want, src, "", "  "); err != nil {
			t.Fatal(err)
		}
		if got := indentJSON([]byte("prefix"), src); string(got) != "prefix"+want.String() {
			t.Fatalf("indentJSON(%s):\n%s\nwant\n%s", src, got, want.String())
		}
	})
}
