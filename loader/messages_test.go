package loader

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/errref/errref/schema"
)

// wordedKeywords are the keywords whose failures schemaMessage,
// requiredMessage, enumMessage, typeMessage and unknownField word; the
// others only hold or describe subschemas, or never fail.
var wordedKeywords = []string{"type", "enum", "required", "additionalProperties", "minItems", "maxItems", "uniqueItems", "minLength", "maxLength", "minimum", "pattern"}

var structural = []string{"$schema", "$id", "$ref", "$defs", "title", "description", "examples", "properties", "items", "allOf", "if", "then", "else"}

// TestSchemaMessagesCover: every keyword the schema uses, outside an if
// (which never reports), has words for its failure, and every pattern its
// own; the conditional constraints sit where the messages expect them.
func TestSchemaMessagesCover(t *testing.T) {
	var doc any
	if err := json.Unmarshal(schema.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	var walk func(loc string, node any)
	walk = func(loc string, node any) {
		m, ok := node.(map[string]any)
		if !ok {
			if b, isBool := node.(bool); isBool && !b && loc != noSubsystem {
				t.Errorf("%s: a false schema; schemaMessage words only %s", loc, noSubsystem)
			}
			return
		}
		for k, v := range m {
			at := loc + "/" + k
			switch {
			case k == "if" || k == "examples":
				continue
			case k == "properties" || k == "$defs":
				for name, sub := range v.(map[string]any) {
					walk(at+"/"+name, sub)
				}
			case k == "allOf":
				for i, sub := range v.([]any) {
					walk(at+"/"+string(rune('0'+i)), sub)
				}
			case k == "items" || k == "then" || k == "else":
				walk(at, v)
			case k == "pattern":
				if patternWants[at] == "" {
					t.Errorf("%s: no words in patternWants for pattern %v", at, v)
				}
			case !slices.Contains(wordedKeywords, k) && !slices.Contains(structural, k):
				t.Errorf("%s: keyword %q has no words; add it to schemaMessage", at, k)
			}
		}
	}
	walk("", doc)
	for _, loc := range []string{rangeCodes, singleCodes, needSubsystem, noSubsystem, needLocaleGap} {
		i := strings.LastIndexByte(loc, '/')
		node := schemaNode("#" + loc)
		if _, ok := node[loc[i+1:]]; !ok {
			t.Errorf("schema has nothing at %s", loc)
		}
	}
	for loc := range patternWants {
		if _, ok := schemaNode("#" + loc)["pattern"]; !ok {
			t.Errorf("patternWants has %s, where the schema has no pattern", loc)
		}
	}
}
