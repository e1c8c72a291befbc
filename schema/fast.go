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
	`[A-Za-z0-9]`:  func(s string) bool { return strings.ContainsFunc(s, isAlnum) },
	// id
	`^[a-z0-9]+(-[a-z0-9]+)*$`: func(s string) bool { return words(s, '-', 1, 0, isLowerDigit, isLowerDigit) },
	// acknowledged rule
	`^[a-z]+(-[a-z]+)*$`: func(s string) bool { return words(s, '-', 1, 0, isLower, isLower) },
	// locale
	`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`: func(s string) bool {
		first, rest, _ := strings.Cut(s, "-")
		if len(first) < 2 || len(first) > 3 || !all(first, isLower) {
			return false
		}
		return rest == "" && !strings.HasSuffix(s, "-") || words(rest, '-', 2, 8, isAlnum, isAlnum)
	},
	// subsystem
	`^[a-z][a-z0-9_]*$`: func(s string) bool {
		return s != "" && isLower(rune(s[0])) && all(s[1:], func(r rune) bool { return isLowerDigit(r) || r == '_' })
	},
	// acknowledged pointer
	`^(/[^\n\r\t]*)?$`: func(s string) bool { return s == "" || s[0] == '/' && !strings.ContainsAny(s, "\n\r\t") },
	// a code with a subsystem prefix ("auth:73")
	`^[A-Za-z][A-Za-z0-9_]*:[^ ]`: func(s string) bool {
		if s == "" || !isLetter(rune(s[0])) {
			return false
		}
		i := 1
		for i < len(s) && (isAlnum(rune(s[i])) || s[i] == '_') {
			i++
		}
		return i+1 < len(s) && s[i] == ':' && s[i+1] != ' '
	},
	// a range code ("accounts:53–55")
	`[0-9] *[–-] *[0-9]+$`: func(s string) bool {
		t := strings.TrimRightFunc(s, isDigit)
		if len(t) == len(s) {
			return false
		}
		t = strings.TrimRight(t, " ")
		if t, ok := cutDash(t); ok {
			t = strings.TrimRight(t, " ")
			return t != "" && isDigit(rune(t[len(t)-1]))
		}
		return false
	},
}

func isDigit(r rune) bool      { return '0' <= r && r <= '9' }
func isLower(r rune) bool      { return 'a' <= r && r <= 'z' }
func isLetter(r rune) bool     { return isLower(r) || 'A' <= r && r <= 'Z' }
func isAlnum(r rune) bool      { return isLetter(r) || isDigit(r) }
func isLowerDigit(r rune) bool { return isLower(r) || isDigit(r) }
func all(s string, ok func(rune) bool) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return !ok(r) })
}

// cutDash removes a final "-" or "–" from s.
func cutDash(s string) (string, bool) {
	if t, ok := strings.CutSuffix(s, "-"); ok {
		return t, true
	}
	return strings.CutSuffix(s, "–")
}

// words reports whether s is one or more words joined by sep, each of
// min to max characters (max 0: no limit) that the first word's first
// character satisfies first and every other character rest.
func words(s string, sep byte, min, max int, first, rest func(rune) bool) bool {
	if s == "" {
		return false
	}
	for w := range strings.SplitSeq(s, string(sep)) {
		if len(w) < min || max > 0 && len(w) > max || !first(rune(w[0])) || !all(w, rest) {
			return false
		}
	}
	return true
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
