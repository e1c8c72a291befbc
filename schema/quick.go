package schema

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/errref/errref/internal/jsontree"
)

// A valid file needs only a yes from the schema, not the library's
// bookkeeping: v5 allocates for every keyword it evaluates (a map of
// evaluated properties per object, a nested result per $ref), about
// 550 allocations per entry, which made validation twice the cost of
// reading and decoding the file. quick is the compiled schema turned into
// plain Go checks that allocate nothing; it says only valid or not. The
// library stays the authority: a file quick rejects is validated again
// by the library, which words the errors, and FuzzQuick holds the two to
// the same verdict on any document.
type quick struct {
	always *bool // a boolean schema

	types   uint8 // typeBits allowed, 0 for any
	enum    []string
	hasEnum bool

	minLen, maxLen int // -1 when absent
	pattern        func(string) bool

	required []string
	props    map[string]*quick
	// additional is the schema of members not in props; noAdditional
	// forbids them.
	additional   *quick
	noAdditional bool

	items              *quick
	minItems, maxItems int // -1 when absent
	unique             bool

	minimum    float64
	hasMinimum bool

	ref            *quick
	allOf          []*quick
	cond, then, el *quick
}

// JSON types as a bit set; integer is a number that is whole.
const (
	tNull uint8 = 1 << iota
	tBoolean
	tNumber
	tInteger
	tString
	tArray
	tObject
)

var typeBits = map[string]uint8{"null": tNull, "boolean": tBoolean, "number": tNumber, "integer": tInteger, "string": tString, "array": tArray, "object": tObject}

// errUnsupported says the schema uses a keyword quick does not check; the
// library then validates every file.
var errUnsupported = errors.New("keyword not supported by the quick validator")

// compileQuick turns a compiled schema into quick checks, or says which
// keyword it cannot check. A cycle of references is refused too (the
// library detects the loops it would run into; quick does not try).
func compileQuick(s *jsonschema.Schema) (*quick, error) {
	done := map[*jsonschema.Schema]*quick{}
	busy := map[*jsonschema.Schema]bool{}
	var conv func(s *jsonschema.Schema) (*quick, error)
	conv = func(s *jsonschema.Schema) (*quick, error) {
		if s == nil {
			return nil, nil
		}
		if q, ok := done[s]; ok {
			return q, nil
		}
		if busy[s] {
			return nil, fmt.Errorf("%s: %w: a cycle of references", s.Location, errUnsupported)
		}
		busy[s] = true
		defer delete(busy, s)
		unsupported := func(kw string) error {
			return fmt.Errorf("%s: %w: %s", s.Location, errUnsupported, kw)
		}
		switch {
		case s.Format != "":
			return nil, unsupported("format")
		case s.RecursiveRef != nil, s.DynamicRef != nil:
			return nil, unsupported("$recursiveRef, $dynamicRef")
		case len(s.Constant) > 0:
			return nil, unsupported("const")
		case s.Not != nil, len(s.AnyOf) > 0, len(s.OneOf) > 0:
			return nil, unsupported("not, anyOf, oneOf")
		case s.MinProperties != -1, s.MaxProperties != -1, s.PropertyNames != nil, s.RegexProperties,
			len(s.PatternProperties) > 0, len(s.Dependencies) > 0, len(s.DependentRequired) > 0,
			len(s.DependentSchemas) > 0, s.UnevaluatedProperties != nil:
			return nil, unsupported("an object keyword other than properties, required, additionalProperties")
		case s.Items != nil, s.AdditionalItems != nil, len(s.PrefixItems) > 0, s.Contains != nil, s.UnevaluatedItems != nil:
			return nil, unsupported("an array keyword other than items, minItems, maxItems, uniqueItems")
		case s.ContentEncoding != "", s.ContentMediaType != "", s.ContentSchema != nil:
			return nil, unsupported("content keywords")
		case s.ExclusiveMinimum != nil, s.Maximum != nil, s.ExclusiveMaximum != nil, s.MultipleOf != nil:
			return nil, unsupported("a number keyword other than minimum")
		}
		q := &quick{always: s.Always, minLen: s.MinLength, maxLen: s.MaxLength, required: s.Required,
			minItems: s.MinItems, maxItems: s.MaxItems, unique: s.UniqueItems}
		done[s] = q
		for _, t := range s.Types {
			q.types |= typeBits[t]
		}
		if len(s.Enum) > 0 {
			q.hasEnum = true
			for _, v := range s.Enum {
				str, ok := v.(string)
				if !ok {
					return nil, unsupported("an enum value that is not a string")
				}
				q.enum = append(q.enum, str)
			}
		}
		if s.Pattern != nil {
			q.pattern = s.Pattern.MatchString
		}
		for name, ext := range s.Extensions {
			p, ok := ext.(patternCheck)
			if name != "pattern" || !ok {
				return nil, unsupported("extension " + name)
			}
			q.pattern = p.match
		}
		if s.Minimum != nil {
			f, exact := s.Minimum.Float64()
			if !exact || f != math.Trunc(f) {
				// Only then is comparing float64 values the library's
				// comparison of exact rationals.
				return nil, unsupported("a minimum that is not a whole float64")
			}
			q.minimum, q.hasMinimum = f, true
		}
		var err error
		switch a := s.AdditionalProperties.(type) {
		case nil:
		case bool:
			q.noAdditional = !a
		case *jsonschema.Schema:
			if q.additional, err = conv(a); err != nil {
				return nil, err
			}
		}
		if len(s.Properties) > 0 {
			q.props = map[string]*quick{}
			for name, ps := range s.Properties {
				if q.props[name], err = conv(ps); err != nil {
					return nil, err
				}
			}
		}
		for _, sub := range []struct {
			dst **quick
			src *jsonschema.Schema
		}{{&q.items, s.Items2020}, {&q.ref, s.Ref}, {&q.cond, s.If}, {&q.then, s.Then}, {&q.el, s.Else}} {
			if *sub.dst, err = conv(sub.src); err != nil {
				return nil, err
			}
		}
		for _, a := range s.AllOf {
			c, err := conv(a)
			if err != nil {
				return nil, err
			}
			q.allOf = append(q.allOf, c)
		}
		return q, nil
	}
	return conv(s)
}

func (q *quick) valid(v jsontree.Value) bool {
	if q == nil {
		return true
	}
	if q.always != nil {
		return *q.always
	}
	if q.types != 0 && !q.typeOK(v) {
		return false
	}
	if q.hasEnum && (v.Kind() != jsontree.String || !slices.Contains(q.enum, v.Str())) {
		return false
	}
	switch v.Kind() {
	case jsontree.Object:
		for _, name := range q.required {
			if _, ok := v.Member(name); !ok {
				return false
			}
		}
		for m := v.First(); m.Kind() != jsontree.Invalid; m = m.Next() {
			if ps, ok := q.props[m.Name()]; ok {
				if !ps.valid(m) {
					return false
				}
				continue
			}
			if q.noAdditional || q.additional != nil && !q.additional.valid(m) {
				return false
			}
		}
	case jsontree.Array:
		n := v.Len()
		if q.minItems != -1 && n < q.minItems || q.maxItems != -1 && n > q.maxItems {
			return false
		}
		if q.items != nil {
			for item := v.First(); item.Kind() != jsontree.Invalid; item = item.Next() {
				if !q.items.valid(item) {
					return false
				}
			}
		}
		if q.unique {
			for a := v.First(); a.Kind() != jsontree.Invalid; a = a.Next() {
				for b := v.First(); b != a; b = b.Next() {
					if equal(a, b) {
						return false
					}
				}
			}
		}
	case jsontree.String:
		s := v.Str()
		if q.minLen != -1 || q.maxLen != -1 {
			n := utf8.RuneCountInString(s)
			if q.minLen != -1 && n < q.minLen || q.maxLen != -1 && n > q.maxLen {
				return false
			}
		}
		if q.pattern != nil && !q.pattern(s) {
			return false
		}
	case jsontree.Number:
		if q.hasMinimum && v.Num() < q.minimum {
			return false
		}
	}
	if !q.ref.valid(v) {
		return false
	}
	for _, a := range q.allOf {
		if !a.valid(v) {
			return false
		}
	}
	if q.cond != nil {
		if q.cond.valid(v) {
			return q.then.valid(v)
		}
		return q.el.valid(v)
	}
	return true
}

func (q *quick) typeOK(v jsontree.Value) bool {
	var t uint8
	switch v.Kind() {
	case jsontree.Null:
		t = tNull
	case jsontree.False, jsontree.True:
		t = tBoolean
	case jsontree.Number:
		t = tNumber
		if v.IsInteger() {
			t |= tInteger
		}
	case jsontree.String:
		t = tString
	case jsontree.Array:
		t = tArray
	case jsontree.Object:
		t = tObject
	}
	return q.types&t != 0
}

// equal is JSON equality, as uniqueItems compares: float64 values are
// equal exactly when the library's rationals of their shortest decimal
// forms are.
func equal(a, b jsontree.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case jsontree.Number:
		return a.Num() == b.Num()
	case jsontree.String:
		return a.Str() == b.Str()
	case jsontree.Array:
		if a.Len() != b.Len() {
			return false
		}
		for x, y := a.First(), b.First(); x.Kind() != jsontree.Invalid; x, y = x.Next(), y.Next() {
			if !equal(x, y) {
				return false
			}
		}
	case jsontree.Object:
		if a.Len() != b.Len() {
			return false
		}
		for x := a.First(); x.Kind() != jsontree.Invalid; x = x.Next() {
			y, ok := b.Member(x.Name())
			if !ok || !equal(x, y) {
				return false
			}
		}
	}
	return true
}

// newValid is ValidValue's function: quick, or the library alone when the
// schema has a keyword quick does not check.
func newValid() func(jsontree.Value) bool {
	q, err := compileQuick(Compiled())
	if err != nil {
		// A keyword quick does not know: every file goes to the library
		// (TestQuickCompiles says so when it happens).
		return func(v jsontree.Value) bool { return Compiled().Validate(v.Any()) == nil }
	}
	return q.valid
}

// ValidValue reports whether v is a valid entry. It gives the library's
// verdict without its errors; validate an invalid value with
// Compiled().Validate for them.
func ValidValue(v jsontree.Value) bool { return validEntry()(v) }

// Valid is ValidValue for v, a JSON value as encoding/json or
// go-json-experiment decode it into an any (nil, bool, float64, string,
// []any, map[string]any); the library judges any other Go value.
func Valid(v any) bool {
	var t jsontree.Tree
	if t.SetAny(v) != nil {
		return Compiled().Validate(v) == nil
	}
	return ValidValue(t.Root())
}

var validEntry = sync.OnceValue(newValid)
