package loader

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/errref/errref/internal/nearest"
	"github.com/errref/errref/schema"
)

// The schema messages say what was found and what is wanted, like the
// rules': "found unknown field "resolutoin"; want "resolution"".

var schemaDoc = sync.OnceValue(func() any {
	var doc any
	if err := json.Unmarshal(schema.JSON, &doc); err != nil {
		panic(err) // embedded and tested: cannot happen
	}
	return doc
})

// schemaNode is the schema's node that the fragment of an absolute
// keyword location ("…#/properties/note/additionalProperties") names,
// without its last token (the keyword), or nil.
func schemaNode(abs string) map[string]any {
	_, frag, ok := strings.Cut(abs, "#")
	if !ok {
		return nil
	}
	toks := strings.Split(strings.TrimPrefix(frag, "/"), "/")
	if len(toks) == 0 {
		return nil
	}
	node := schemaDoc()
	for _, t := range toks[:len(toks)-1] {
		if t == "" {
			continue
		}
		m, ok := node.(map[string]any)
		if !ok {
			return nil
		}
		node = m[strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")]
	}
	m, _ := node.(map[string]any)
	return m
}

// schemaProperties lists the fields the object schema at abs knows.
func schemaProperties(abs string) []string {
	props, _ := schemaNode(abs)["properties"].(map[string]any)
	var names []string
	for n := range props {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// schemaEnum lists the values the enum at abs allows, as JSON.
func schemaEnum(abs string) []string {
	vals, _ := schemaNode(abs)["enum"].([]any)
	var out []string
	for _, v := range vals {
		b, _ := json.Marshal(v)
		out = append(out, string(b))
	}
	return out
}

// unknownField words an unknown field, and returns the known field it
// likely misspells, or "".
func unknownField(name string, known []string) (msg, near string) {
	if n := nearest.Word(name, known); n != "" {
		return fmt.Sprintf("found unknown field %q; want %q", name, n), n
	}
	if len(known) == 0 {
		return fmt.Sprintf("found unknown field %q; want none here", name), ""
	}
	return fmt.Sprintf("found unknown field %q; want one of %s", name, strings.Join(known, ", ")), ""
}

func enumMessage(found any, allowed []string) string {
	got, _ := json.Marshal(found)
	var strs []string
	for _, a := range allowed {
		if s, err := strconv.Unquote(a); err == nil {
			strs = append(strs, s)
		}
	}
	if s, ok := found.(string); ok {
		if n := nearest.Word(s, strs); n != "" {
			return fmt.Sprintf("found %s; want %q", got, n)
		}
	}
	return fmt.Sprintf("found %s; want one of %s", got, strings.Join(allowed, ", "))
}

// typeMessage rewords jsonschema's "expected integer, but got string".
func typeMessage(found any, msg string) string {
	want, _, ok := strings.Cut(strings.TrimPrefix(msg, "expected "), ", but got")
	if !ok {
		return msg
	}
	got, _ := json.Marshal(found)
	kind := "a value"
	switch found.(type) {
	case string:
		kind = "a string"
	case json.Number, float64:
		kind = "a number"
	case bool:
		kind = "a boolean"
	case nil:
		kind = "null"
	case []any:
		return fmt.Sprintf("found an array; want %s", want)
	case map[string]any:
		return fmt.Sprintf("found an object; want %s", want)
	}
	if kind == "null" {
		return fmt.Sprintf("found null; want %s", want)
	}
	return fmt.Sprintf("found %s %s; want %s", kind, got, want)
}

// instanceAt is the value ptr names in doc, or nil.
func instanceAt(doc any, ptr string) any {
	if ptr == "" {
		return doc
	}
	for _, t := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		t = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
		switch n := doc.(type) {
		case map[string]any:
			doc = n[t]
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(n) {
				return nil
			}
			doc = n[i]
		default:
			return nil
		}
	}
	return doc
}
