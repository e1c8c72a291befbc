package checks

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/loader"
)

// spellingPairs are American and British spellings of the same word stems.
var spellingPairs = [][2]string{
	{"color", "colour"}, {"behavior", "behaviour"}, {"favorite", "favourite"},
	{"center", "centre"}, {"license", "licence"}, {"catalog", "catalogue"},
	{"authoriz", "authoris"}, {"organiz", "organis"}, {"recogniz", "recognis"},
	{"customiz", "customis"}, {"initializ", "initialis"}, {"optimiz", "optimis"},
	{"prioritiz", "prioritis"}, {"synchroniz", "synchronis"}, {"minimiz", "minimis"},
	{"analyz", "analys"}, {"canceled", "cancelled"}, {"canceling", "cancelling"},
	{"gray", "grey"}, {"program", "programme"}, {"dialog", "dialogue"},
}

// spellingStyle returns the first American and British stems in s.
func spellingStyle(s string) (us, uk string) {
	if !asciiLetters(s) {
		return spellingStyleOf(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }))
	}
	// The same for text whose letters are ASCII (quotes, dashes and
	// arrows are not letters, and lowering leaves them so), without
	// lowering and splitting it whole: a word is lowered only when it
	// matches.
	for i := 0; i < len(s); {
		for i < len(s) && !isASCIILetter(s[i]) {
			i++
		}
		j := i
		for j < len(s) && isASCIILetter(s[j]) {
			j++
		}
		w := s[i:j]
		i = j
		if len(w) < 4 {
			continue // no stem is shorter
		}
		for _, p := range spellingByInitial[w[0]|0x20] {
			switch {
			case uk == "" && hasPrefixFold(w, p[1]):
				uk = strings.ToLower(w)
			case us == "" && hasPrefixFold(w, p[0]) && !hasPrefixFold(w, p[1]):
				us = strings.ToLower(w)
			}
		}
	}
	return us, uk
}

// spellingStyleOf is spellingStyle of lowercased words.
func spellingStyleOf(words []string) (us, uk string) {
	for _, w := range words {
		for _, p := range spellingPairs {
			switch {
			case uk == "" && strings.HasPrefix(w, p[1]):
				uk = w
			case us == "" && strings.HasPrefix(w, p[0]) && !strings.HasPrefix(w, p[1]):
				us = w
			}
		}
	}
	return us, uk
}

// spellingByInitial are spellingPairs by the first letter of their
// stems, in order: a word is compared with the pairs it may start with.
var spellingByInitial = func() (t [256][][2]string) {
	for _, p := range spellingPairs {
		t[p[0][0]] = append(t[p[0][0]], p)
		if p[1][0] != p[0][0] {
			t[p[1][0]] = append(t[p[1][0]], p)
		}
	}
	return t
}()

// asciiLetters reports whether every letter of s is ASCII.
func asciiLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsLetter(r) {
			return false
		}
		i += size - 1
	}
	return true
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// hasPrefixFold reports whether the ASCII word w starts with the
// lowercase prefix, ignoring case.
func hasPrefixFold(w, prefix string) bool {
	return len(w) >= len(prefix) && strings.EqualFold(w[:len(prefix)], prefix)
}

// Spelling reports fields that mix American and British spelling.
var Spelling = &Rule{
	Name: "spelling",
	Doc: `A field keeps to one spelling, American

A field (the causes, the resolution steps, or the note) that mixes
American and British spellings of the same words (color/colour,
license/licence, …) reads as two authors. One style per field; the
reference uses American spelling. The word lists are short and a quoted
name may be British, so findings are warnings: fix them, or acknowledge.`,
	Level:    diag.Warning,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			spelling(pass, f)
		}
	},
}

// spelling reports a field whose items mix American and British spelling.
func spelling(pass *Pass, f *loader.File) {
	e := f.Entry
	fields := []struct {
		name, ptr string
		items     []string
	}{{"causes", "/causes", e.Causes}, {"resolution", "/resolution", e.Resolution}}
	if e.Note != nil {
		fields = append(fields, struct {
			name, ptr string
			items     []string
		}{"note text", "/note/text", []string{e.Note.Text}})
	}
	for _, fl := range fields {
		us, uk := -1, -1
		var usWord, ukWord string
		for i, it := range fl.items {
			a, b := spellingStyle(it)
			if us < 0 && a != "" {
				us, usWord = i, a
			}
			if uk < 0 && b != "" {
				uk, ukWord = i, b
			}
		}
		if us < 0 || uk < 0 {
			continue
		}
		ptr := fl.ptr
		if len(fl.items) > 1 || fl.ptr != "/note/text" {
			ptr = fmt.Sprintf("%s/%d", fl.ptr, uk)
		}
		pass.Report(f, ptr, "%s: found British %s beside American %s; want one spelling per field (American, as in the rest of the reference)",
			fl.name, quote(ukWord), quote(usWord))
	}
}
