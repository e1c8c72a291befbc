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
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029'
	})
}

// Quote returns s when it can be printed as it is, else s quoted with Go
// escapes for every byte or character that cannot.
func Quote(s string) string {
	if OK(s) {
		return s
	}
	return strconv.QuoteToGraphic(s)
}
