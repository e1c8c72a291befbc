// Package printable decides whether a name (a file name, a path) can be
// printed as it is: valid UTF-8 without control, format or bidirectional
// characters. Anything else is printed quoted with Go escapes, so that no
// name can forge a line of output (a "::error" workflow command), reorder
// what a terminal shows, or hide a character.
package printable

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// OK reports whether s can be printed as it is.
func OK(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, hidden)
}

// hidden reports whether r cannot be printed as it is: a control
// character (C0, DEL, C1), a format character (bidirectional controls,
// zero-width characters) or a line or paragraph separator.
func hidden(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
}

// Quote returns s when it can be printed as it is, else s quoted with Go
// escapes for every byte or character that cannot.
func Quote(s string) string {
	if OK(s) {
		return s
	}
	return strconv.QuoteToGraphic(s)
}

// Escape returns s with each byte or character that cannot be printed as
// it is written as a Go escape (\n, \x1b, \u202e, \xff), and every
// other character as it is, quotes included: for a message that quotes
// values of its own, such as a diagnostic's.
func Escape(s string) string {
	if OK(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case hidden(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
