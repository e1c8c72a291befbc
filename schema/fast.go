package schema

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// fastPatterns are patterns of the schema with an equivalent plain
// function. The text pattern runs on nearly every string of an entry, and
// through the regexp engine it was a quarter of all validation.
// FuzzFastPatterns checks each against its regexp.
var fastPatterns = map[string]func(string) bool{
	`^[^\n\r\t]*$`: func(s string) bool { return !strings.ContainsAny(s, "\n\r\t") },
	`[A-Za-z0-9]`: func(s string) bool {
		return strings.ContainsFunc(s, func(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' })
	},
}

// patternCheck replaces a "pattern" keyword: same verdict, same error.
type patternCheck struct {
	re    *regexp.Regexp
	match func(string) bool
}

func (p patternCheck) Validate(ctx jsonschema.ValidationContext, v any) error {
	if s, ok := v.(string); !ok || p.match(s) {
		return nil
	}
	return ctx.Error("pattern", "does not match pattern %s", quotePattern(p.re.String()))
}

// quotePattern quotes as the library's own pattern errors do.
func quotePattern(s string) string {
	s = fmt.Sprintf("%q", s)
	s = strings.ReplaceAll(s, `\"`, `"`)
	s = strings.ReplaceAll(s, `'`, `\'`)
	return "'" + s[1:len(s)-1] + "'"
}

// speedUp swaps, in every subschema of s, the patterns fastPatterns
// knows for their functions, and returns how many it swapped. The errors
// are the library's own: same keyword locations, same messages
// (TestFastPatternsSameErrors).
func speedUp(s *jsonschema.Schema) int {
	n := 0
	walk(s, map[*jsonschema.Schema]bool{}, func(s *jsonschema.Schema) {
		if s.Pattern == nil {
			return
		}
		if match, ok := fastPatterns[s.Pattern.String()]; ok {
			if s.Extensions == nil {
				s.Extensions = map[string]jsonschema.ExtSchema{}
			}
			s.Extensions["pattern"] = patternCheck{s.Pattern, match}
			s.Pattern = nil
			n++
		}
	})
	return n
}

// walk calls visit on s and every schema it reaches, once each.
func walk(s *jsonschema.Schema, seen map[*jsonschema.Schema]bool, visit func(*jsonschema.Schema)) {
	if s == nil || seen[s] {
		return
	}
	seen[s] = true
	visit(s)
	for _, c := range []*jsonschema.Schema{s.Ref, s.RecursiveRef, s.DynamicRef, s.Not, s.If, s.Then, s.Else,
		s.PropertyNames, s.UnevaluatedProperties, s.Items2020, s.Contains, s.UnevaluatedItems, s.ContentSchema} {
		walk(c, seen, visit)
	}
	for _, list := range [][]*jsonschema.Schema{s.AllOf, s.AnyOf, s.OneOf, s.PrefixItems} {
		for _, c := range list {
			walk(c, seen, visit)
		}
	}
	for _, c := range s.Properties {
		walk(c, seen, visit)
	}
	for _, c := range s.PatternProperties {
		walk(c, seen, visit)
	}
	for _, c := range s.DependentSchemas {
		walk(c, seen, visit)
	}
	for _, x := range []any{s.AdditionalProperties, s.Items, s.AdditionalItems} {
		switch x := x.(type) {
		case *jsonschema.Schema:
			walk(x, seen, visit)
		case []*jsonschema.Schema:
			for _, c := range x {
				walk(c, seen, visit)
			}
		}
	}
}
