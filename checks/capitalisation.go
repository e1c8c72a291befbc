package checks

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/errref/errref/diag"
)

// Capitalisation reports texts that start in lowercase and titles in
// Title Case.
var Capitalisation = &Rule{
	Name: "capitalisation",
	Doc: `Texts start with a capital; titles are in sentence case

The reference writes every title, cause, step, chain label and note in
sentence case. Telling a name from a word takes judgement, so findings are
warnings: fix them, or acknowledge the ones that are names.

- A title, cause, step, chain label or note that starts with a lowercase
  letter, unless its first word is a name: it holds a digit or a
  character other than a letter, has a capital inside, or is written the
  same way elsewhere in the entry or is its subsystem (netprofm,
  accounts API unreachable).
- A title in Title Case: two or more words of four letters or more after
  the first, all capitalised.`,
	Level:    diag.Warning,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for _, t := range pass.prose(f.Entry) {
				v := t.Value
				if capitalFields[t.Field] {
					first := firstWord(v)
					if r, _ := utf8.DecodeRuneInString(first); unicode.IsLower(r) {
						if !isName(first, f.Entry.Subsystem, pass.texts(f.Entry)) {
							pass.Report(f, t.Ptr, "%s: found %s starting with a lowercase letter; want a capital, unless it is a name", t.Field, quote(first))
						}
					}
				}
				if t.Field == "title" && titleCase(v) {
					pass.Report(f, t.Ptr, "title: found %s in Title Case; want sentence case", quote(v))
				}
			}
		}
	},
}

// firstWord is strings.Fields(s)[0], for a text that is not blank.
func firstWord(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// isName reports whether a lowercase first word names something: it
// holds a non-letter or an inner capital, or it is the entry's subsystem
// or written the same way after the start of one of its texts ts.
func isName(w, subsystem string, ts []text) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) || unicode.IsUpper(r) {
			return true
		}
	}
	if w == subsystem {
		return true
	}
	for _, t := range ts {
		first := true
		for x := range strings.FieldsFuncSeq(t.Value, isWordBreak) {
			if !first && x == w {
				return true
			}
			first = false
		}
	}
	return false
}

// isWordBreak separates the words isName compares: spaces, quotes,
// backquotes, parentheses, commas and semicolons.
func isWordBreak(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("`()\"',;", r) }

// titleCase reports whether every word of four letters or more after the
// first is capitalised, and there are at least two of them.
func titleCase(s string) bool {
	n := 0
	first := true
	for w := range strings.FieldsSeq(s) {
		if first || utf8.RuneCountInString(w) < 4 {
			first = false
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2
}
