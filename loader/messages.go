package loader

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
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
	if !ok || !strings.HasPrefix(frag, "/") {
		return nil
	}
	m, _ := instanceAt(schemaDoc(), frag[:strings.LastIndexByte(frag, '/')]).(map[string]any)
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

// fragment is the schema location of an absolute keyword location:
// "/properties/id/pattern" of "…entry.schema.json#/properties/id/pattern".
func fragment(abs string) string {
	_, frag, _ := strings.Cut(abs, "#")
	return frag
}

// patternWants says, for each pattern of the schema, what it means; a test
// checks that every pattern has its words. The description beside a
// pattern is written for readers of the schema; these finish "want …".
var patternWants = map[string]string{
	"/$defs/text/pattern":                             "text on one line, without a line break or tab",
	"/properties/id/pattern":                          `lowercase letters and digits in runs joined by single hyphens, e.g. "accounts-53-55"`,
	"/properties/code/pattern":                        "a code with a letter or digit in it",
	"/properties/codes/items/properties/code/pattern": "a code with a letter or digit in it",
	"/properties/subsystem/pattern":                   `a lowercase name: a letter, then letters, digits or "_", e.g. "accounts"`,
	"/properties/message/properties/locale_gaps/items/properties/locale/pattern": `a BCP 47 language tag, e.g. "en" or "pt-BR"`,
	"/properties/acknowledged/items/properties/rule/pattern":                     `a rule name as errref rules lists it, e.g. "cause-chain"`,
	"/properties/acknowledged/items/properties/pointer/pattern":                  `a JSON pointer as errref check prints it, e.g. "/chain/2/state", or "" for the whole entry`,
}

// The schema's conditional constraints, by the location of the keyword
// that fails: they tie one field to another, so their messages name both.
const (
	rangeCodes    = "/allOf/0/then/properties/codes/minItems"
	singleCodes   = "/allOf/0/else/properties/codes/maxItems"
	needSubsystem = "/allOf/1/then/required"
	noSubsystem   = "/allOf/1/else/properties/subsystem"
	needLocaleGap = "/properties/message/then/required"
)

// requiredMessage words a missing field; ptr is the object's pointer.
func requiredMessage(frag, field string, doc any, ptr string) string {
	switch frag {
	case needSubsystem:
		code, _ := instanceAt(doc, ptr+"/code").(string)
		return fmt.Sprintf("found no field %q, but code %q has prefix %q; want the subsystem of that prefix", field, code, entry.Prefix(code)+":")
	case needLocaleGap:
		return fmt.Sprintf("found no message variant and no field %q; want the displayed text in variants, or locale_gaps naming the locales where it is blank", field)
	}
	return fmt.Sprintf("found no field %q; want one: it is required", field)
}

// schemaMessage words a failure of any other keyword: what was found at
// ptr in doc, and what the schema wants there.
func schemaMessage(leaf *jsonschema.ValidationError, doc any) string {
	frag := fragment(leaf.AbsoluteKeywordLocation)
	node := schemaNode(leaf.AbsoluteKeywordLocation)
	found := instanceAt(doc, leaf.InstanceLocation)
	got, _ := json.Marshal(found)
	code, _ := instanceAt(doc, "/code").(string)
	switch frag {
	case rangeCodes:
		return fmt.Sprintf("found %s for range %q; want one per member of the range, at least 2", diag.Plural(lenOf(found), "code"), code)
	case singleCodes:
		return fmt.Sprintf("found %s for %q, which is no range; want 1, the code itself", diag.Plural(lenOf(found), "code"), code)
	case noSubsystem:
		return fmt.Sprintf("found subsystem %s, but code %q has no \"prefix:\"; want no subsystem", got, code)
	}
	switch kw := path.Base(frag); kw {
	case "minItems", "maxItems":
		noun := itemNouns[leaf.InstanceLocation]
		if noun == "" {
			noun = "item"
		}
		return fmt.Sprintf("found %s; want %s", diag.Plural(lenOf(found), noun), bounds(node, "minItems", "maxItems", noun))
	case "minLength", "maxLength":
		s, _ := found.(string)
		if s == "" {
			return "found an empty string; want text"
		}
		return fmt.Sprintf("found %s; want %s", diag.Plural(utf8.RuneCountInString(s), "character"), bounds(node, "minLength", "maxLength", "character"))
	case "minimum", "maximum":
		return fmt.Sprintf("found %s; want %s", got, bounds(node, "minimum", "maximum", ""))
	case "pattern":
		want, ok := patternWants[frag]
		if !ok {
			want = fmt.Sprintf("a string that matches %v", node["pattern"])
		}
		return fmt.Sprintf("found %s; want %s", got, want)
	case "uniqueItems":
		var i, j int
		if _, err := fmt.Sscanf(leaf.Message, "items at index %d and %d are equal", &i, &j); err == nil {
			return fmt.Sprintf("found item %d equal to item %d; want each item once", j, i)
		}
		return "found an item twice; want each item once"
	}
	if allowed, ok := node[path.Base(frag)].(bool); ok && !allowed { // a false schema
		return fmt.Sprintf("found field %q; want none here", path.Base(leaf.InstanceLocation))
	}
	return leaf.Message
}

// itemNouns name the items of the lists that count them in their own words.
var itemNouns = map[string]string{"/chain": "node", "/causes": "cause", "/resolution": "step", "/codes": "code", "/platforms": "platform"}

// lenOf is the length of an array, or 0.
func lenOf(v any) int {
	a, _ := v.([]any)
	return len(a)
}

// bounds words the limits that node sets with the keywords lo and hi:
// "2 to 8", "at least 1", "at most 100 characters".
func bounds(node map[string]any, lo, hi, noun string) string {
	num := func(k string) (int, bool) {
		f, ok := node[k].(float64)
		return int(f), ok
	}
	unit := func(n int) string {
		if noun == "" {
			return strconv.Itoa(n)
		}
		return diag.Plural(n, noun)
	}
	min, hasMin := num(lo)
	max, hasMax := num(hi)
	switch {
	case hasMin && hasMax:
		return fmt.Sprintf("%d to %s", min, unit(max))
	case hasMin:
		return "at least " + unit(min)
	case hasMax:
		return "at most " + unit(max)
	}
	return "another " + noun
}
