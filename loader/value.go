package loader

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"unique"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/jsontree"
)

// decoded sets e from v, what the fast path parsed, and reports whether
// it could (assign).
func decoded(e *entry.Entry, v jsontree.Value) bool {
	if !assign(reflect.ValueOf(e).Elem(), v) {
		return false
	}
	vocabulary(e)
	return true
}

// states and noteKinds are the values of entry.State and entry.NoteKind.
var (
	states    = []entry.State{entry.Neutral, entry.Fragile, entry.Critical, entry.Good}
	noteKinds = []entry.NoteKind{entry.MisleadingMessage, entry.KnownBug, entry.Explanation, entry.ImplementationDetail}
)

// vocabulary replaces the words of e's vocabularies (severity,
// categories, platforms, node states, note kind) by the package's
// constants: one copy of each for every entry, not one per entry. Chain
// labels ("Spotify app", "Login") name the few parts of the client, so
// they are interned too; prose is not: two texts are rarely the same.
func vocabulary(e *entry.Entry) {
	e.Severity = canonical(e.Severity, entry.Severities)
	e.Categories = shared(e.Categories, entry.Categories, &categoryLists)
	e.Platforms = shared(e.Platforms, entry.Platforms, &platformLists)
	for i := range e.Chain {
		e.Chain[i].State = canonical(e.Chain[i].State, states)
		e.Chain[i].Label = unique.Make(e.Chain[i].Label).Value()
	}
	if e.Note != nil {
		e.Note.Kind = canonical(e.Note.Kind, noteKinds)
	}
}

// Lists of categories and of platforms, by the indexes of their words.
var categoryLists, platformLists sync.Map // uint64 -> []entry.Category or []string

// shared is list with the words of vocab replaced by its constants,
// and, when it has at most 8 of them, the one such list every entry with
// the same words in the same order gets. Its capacity is its length:
// append copies.
func shared[S ~string](list, vocab []S, lists *sync.Map) []S {
	if len(list) == 0 {
		return list // nil and empty stay apart
	}
	var key uint64 // the words' indexes + 1, a byte each
	for i, w := range list {
		j := slices.Index(vocab, w)
		if j < 0 || i == 8 {
			for i, w := range list {
				list[i] = canonical(w, vocab)
			}
			return list
		}
		key = key<<8 | uint64(j+1)
	}
	if l, ok := lists.Load(key); ok {
		return l.([]S)
	}
	for i, w := range list {
		list[i] = canonical(w, vocab)
	}
	l, _ := lists.LoadOrStore(key, slices.Clip(list))
	return l.([]S)
}

// canonical is the word of vocab equal to s, or s.
func canonical[S ~string](s S, vocab []S) S {
	if i := slices.Index(vocab, s); i >= 0 {
		return vocab[i]
	}
	return s
}

// assign sets dst from v, a value the fast path parsed, as
// jsonv2.Unmarshal of the same bytes into dst would with
// RejectUnknownMembers: the loader has parsed every file to validate it,
// and decoding the bytes a second time, into an entry.Entry, cost more
// than taking the parsed strings over. It reports false for anything it
// is not sure to assign exactly as jsonv2 would (a member dst has no
// field for, a type that does not fit, a number that is not written as a
// safe integer); the caller then asks jsonv2, which words the error.
// FuzzAssign holds it to jsonv2.Unmarshal.
func assign(dst reflect.Value, v jsontree.Value) bool {
	k := v.Kind()
	switch dst.Kind() {
	case reflect.String:
		if k == jsontree.String {
			dst.SetString(v.Str())
		}
		return k == jsontree.String
	case reflect.Bool:
		if k == jsontree.False || k == jsontree.True {
			dst.SetBool(k == jsontree.True)
			return true
		}
		return false
	case reflect.Int:
		const safe = 1 << 53 // integers a float64 holds exactly
		f := v.Num()
		// jsonv2 refuses 7.0 and 7e0 for an int: the literal is digits.
		if k != jsontree.Number || !integerLiteral(v.Literal()) || f <= -safe || f >= safe {
			return false
		}
		dst.SetInt(int64(f))
		return true
	case reflect.Pointer:
		if k == jsontree.Null {
			dst.SetZero()
			return true
		}
		p := reflect.New(dst.Type().Elem())
		if !assign(p.Elem(), v) {
			return false
		}
		dst.Set(p)
		return true
	case reflect.Slice:
		if k == jsontree.Null {
			dst.SetZero()
			return true
		}
		if k != jsontree.Array {
			return false
		}
		s := reflect.MakeSlice(dst.Type(), v.Len(), v.Len())
		i := 0
		for x := v.First(); x.Kind() != jsontree.Invalid; x = x.Next() {
			if !assign(s.Index(i), x) {
				return false
			}
			i++
		}
		dst.Set(s)
		return true
	case reflect.Struct:
		if k == jsontree.Null {
			return true // null leaves a struct as it is
		}
		if k != jsontree.Object {
			return false
		}
		fields := fieldsOf(dst.Type())
		for x := v.First(); x.Kind() != jsontree.Invalid; x = x.Next() {
			i, ok := fields[x.Name()]
			if !ok {
				return false // an unknown member
			}
			if !assign(dst.Field(i), x) {
				return false
			}
		}
		return true
	}
	return false
}

// integerLiteral reports whether a number's literal is an integer as
// jsonv2 wants for an int: digits, maybe after a minus.
func integerLiteral(lit string) bool {
	lit = strings.TrimPrefix(lit, "-")
	if lit == "" {
		return false
	}
	for i := range len(lit) {
		if lit[i] < '0' || lit[i] > '9' {
			return false
		}
	}
	return true
}

// fieldsOf maps a struct type's JSON member names to its fields, from
// their json tags.
func fieldsOf(t reflect.Type) map[string]int {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if !f.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = i
	}
	fieldCache.Store(t, m)
	return m
}

var fieldCache sync.Map // reflect.Type → map[string]int
