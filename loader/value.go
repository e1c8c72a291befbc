package loader

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"sync"
	"unique"

	"github.com/errref/errref/entry"
)

// decoded sets e from v, what the fast path decoded data into, and
// reports whether it could (assign, integerText).
func decoded(e *entry.Entry, v any, data []byte) bool {
	var ints []string
	if !assign(reflect.ValueOf(e).Elem(), v, &ints) {
		return false
	}
	for _, name := range ints {
		if !integerText(data, name) {
			return false
		}
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

// assign sets dst from v, a value jsonv2 decoded into an any (nil, bool,
// float64, string, []any, map[string]any), as jsonv2.Unmarshal of the same
// bytes into dst would with RejectUnknownMembers: the loader has decoded
// every file into an any to validate it, and decoding the bytes a second
// time, into an entry.Entry, cost more than taking the decoded strings
// over. It reports false for anything it is not sure to assign exactly
// as jsonv2 would (a member dst has no field for, a type that does not
// fit, a number that is not a safe integer); the caller then asks jsonv2,
// which words the error. The names of the integer members it set are
// appended to ints: a float64 does not say whether the file wrote 7 or
// 7.0, which jsonv2 refuses for an int, so the caller checks their text
// (integerText). FuzzAssign holds it to jsonv2.Unmarshal.
func assign(dst reflect.Value, v any, ints *[]string) bool {
	switch dst.Kind() {
	case reflect.String:
		s, ok := v.(string)
		if ok {
			dst.SetString(s)
		}
		return ok
	case reflect.Bool:
		b, ok := v.(bool)
		if ok {
			dst.SetBool(b)
		}
		return ok
	case reflect.Int:
		f, ok := v.(float64)
		const safe = 1 << 53 // integers a float64 holds exactly
		if !ok || f != float64(int64(f)) || f <= -safe || f >= safe {
			return false
		}
		dst.SetInt(int64(f))
		return true
	case reflect.Pointer:
		if v == nil {
			dst.SetZero()
			return true
		}
		p := reflect.New(dst.Type().Elem())
		if !assign(p.Elem(), v, ints) {
			return false
		}
		dst.Set(p)
		return true
	case reflect.Slice:
		if v == nil {
			dst.SetZero()
			return true
		}
		a, ok := v.([]any)
		if !ok {
			return false
		}
		s := reflect.MakeSlice(dst.Type(), len(a), len(a))
		for i, x := range a {
			if !assign(s.Index(i), x, ints) {
				return false
			}
		}
		dst.Set(s)
		return true
	case reflect.Struct:
		if v == nil {
			return true // null leaves a struct as it is
		}
		m, ok := v.(map[string]any)
		if !ok {
			return false
		}
		fields := fieldsOf(dst.Type())
		for name, x := range m {
			i, ok := fields[name]
			if !ok {
				return false // an unknown member
			}
			f := dst.Field(i)
			if f.Kind() == reflect.Int && x != nil {
				*ints = append(*ints, name)
			}
			if !assign(f, x, ints) {
				return false
			}
		}
		return true
	}
	return false
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

// integerText reports whether data, a valid JSON object whose nested
// objects hold no member called name, writes the member name's value as
// an integer (digits, maybe after a minus), as jsonv2 wants for an int.
func integerText(data []byte, name string) bool {
	key := []byte(`"` + name + `"`)
	i := bytes.Index(data, key)
	if i < 0 || bytes.Index(data[i+len(key):], key) >= 0 {
		return false // written with escapes, or twice: let jsonv2 judge
	}
	rest := bytes.TrimLeft(data[i+len(key):], " \t\r\n")
	if len(rest) == 0 || rest[0] != ':' {
		return false
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	rest = bytes.TrimPrefix(rest, []byte("-"))
	n := 0
	for n < len(rest) && '0' <= rest[n] && rest[n] <= '9' {
		n++
	}
	return n > 0 && (n == len(rest) || strings.IndexByte(",} \t\r\n", rest[n]) >= 0)
}
