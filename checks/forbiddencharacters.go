package checks

import (
	"bytes"
	"reflect"
	"unicode"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/errref/errref/diag"
)

// ForbiddenCharacters refuses characters that hide, reorder or break text.
var ForbiddenCharacters = &Rule{
	Name: "forbidden-characters",
	Doc: `Text holds no control, bidirectional or invisible characters

Every string of an entry is refused if it holds a control character (C0,
DEL, C1: NUL, ESC, tab, line breaks…), a format character (bidirectional
overrides and isolates such as U+202E, zero-width spaces and joiners, the
byte-order mark, the soft hyphen) or a line or paragraph separator (U+2028,
U+2029): Unicode categories Cc, Cf, Zl and Zp. Such characters make a
review show one thing and the bundle hold another (a right-to-left override
reverses what follows), end a line in plain-text and Markdown readers, or
drive a terminal. The reference is plain prose and needs none of them;
there is no exception.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			// Strict decoding puts every string of the file in the entry,
			// unescaped: only a file whose entry holds such a character is
			// read again and tokenized for the pointers.
			if !anyString(reflect.ValueOf(f.Entry), func(s string) bool { i, _, _ := forbiddenChar(s); return i >= 0 }) {
				continue
			}
			data, err := f.Bytes()
			if err != nil {
				pass.Report(f, "", "%v", err)
				continue
			}
			dec := jsontext.NewDecoder(bytes.NewReader(data))
			for {
				tok, err := dec.ReadToken()
				if err != nil {
					break // the loader read the file whole: only EOF ends it
				}
				if tok.Kind() != '"' {
					continue
				}
				ptr := string(dec.StackPointer())
				if kind, off := dec.StackIndex(dec.StackDepth()); kind == '{' && off%2 == 1 {
					continue // a member's name: the schema allows only known names
				}
				if i, r, what := forbiddenChar(tok.String()); i >= 0 {
					pass.Report(f, ptr, "found %s %U at byte %d; want no control, format or invisible character", what, r, i)
				}
			}
		}
	},
}

// forbiddenChar returns the byte offset of the first character of s in
// Cc, Cf, Zl or Zp, the character, and what it is; -1 when there is none.
func forbiddenChar(s string) (int, rune, string) {
	// ASCII text needs no decoding: only C0 and DEL are forbidden there.
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		if s[i] < 0x20 || s[i] == 0x7f {
			break
		}
		i++
	}
	if i == len(s) {
		return -1, 0, ""
	}
	j, r, what := forbiddenRune(s[i:])
	if j >= 0 {
		j += i
	}
	return j, r, what
}

// forbiddenRune is forbiddenChar, rune by rune.
func forbiddenRune(s string) (int, rune, string) {
	for i, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == 0x85 || r == 0x2028 || r == 0x2029:
			return i, r, "a line break"
		case unicode.IsControl(r):
			return i, r, "a control character"
		case unicode.In(r, unicode.Bidi_Control):
			return i, r, "a bidirectional control"
		case r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF:
			return i, r, "a zero-width character"
		case unicode.Is(unicode.Cf, r):
			return i, r, "an invisible format character"
		}
	}
	return -1, 0, ""
}

// anyString reports whether bad holds for a string in v (struct fields,
// elements, map keys and values, through pointers).
func anyString(v reflect.Value, bad func(string) bool) bool {
	switch v.Kind() {
	case reflect.String:
		return bad(v.String())
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && anyString(v.Elem(), bad)
	case reflect.Struct:
		for i := range v.NumField() {
			if anyString(v.Field(i), bad) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if anyString(v.Index(i), bad) {
				return true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if anyString(it.Key(), bad) || anyString(it.Value(), bad) {
				return true
			}
		}
	}
	return false
}
