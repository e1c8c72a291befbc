// Package diag holds diagnostics: findings located at a file, line, column
// and JSON pointer, reported by the loader and the checks.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/errref/errref/internal/printable"
)

// Level is how serious a finding is. Only errors fail a check.
type Level int

// The levels, most serious first.
const (
	Error Level = iota
	Warning
	Info
)

var levelNames = [...]string{Error: "error", Warning: "warning", Info: "info"}

func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("Level(%d)", int(l))
	}
	return levelNames[l]
}

// ParseLevel is the inverse of Level.String.
func ParseLevel(s string) (Level, error) {
	for i, n := range levelNames {
		if n == s {
			return Level(i), nil
		}
	}
	return 0, fmt.Errorf("unknown level %q (want error, warning or info)", s)
}

// MarshalText writes the level by name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Diagnostic is one finding.
type Diagnostic struct {
	File    string `json:"file"`    // slash-separated, relative to the checkout
	Line    int    `json:"line"`    // 1-based
	Col     int    `json:"column"`  // 1-based, in bytes
	Pointer string `json:"pointer"` // JSON pointer of the value; "" for the whole file
	Rule    string `json:"rule"`
	Level   Level  `json:"level"`
	Message string `json:"message"`
	Fix     *Fix   `json:"fix,omitempty"`
	// Related are other places the finding is about: the other entry
	// with the same id, code, position or message.
	Related []Location `json:"related,omitempty"`
	// Acknowledged is why the entry keeps this finding on purpose; ""
	// for a finding that is not acknowledged.
	Acknowledged string `json:"acknowledged,omitempty"`
}

// Location is a place in another file (or the same) that a finding
// relates to, and what is there.
type Location struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"column"`
	Pointer string `json:"pointer"`
	Message string `json:"message"`
}

// String renders "file:line:col: /pointer: message".
func (l Location) String() string {
	return fmt.Sprintf("%s:%d:%d: %s", l.File, l.Line, l.Col, printable.Escape(pointed(l.Pointer, l.Message)))
}

// pointed is "/pointer: message", or the message alone for the whole file.
func pointed(ptr, msg string) string {
	if ptr == "" {
		return msg
	}
	return ptr + ": " + msg
}

// Fix is a safe, mechanical repair: set the value at Pointer to Value,
// or remove it when Remove is true.
type Fix struct {
	Message string `json:"message"`
	Pointer string `json:"pointer"`
	Value   any    `json:"value,omitempty"`
	Remove  bool   `json:"remove,omitempty"`
}

// String renders the gcc form editors and problem matchers read:
// "file:line:col: level: /pointer: message [rule]", on one line. Every
// character of the pointer and message that cannot be printed as it is
// is escaped (printable.Escape): a message quotes values of an entry,
// which may hold line breaks, terminal escapes or bidirectional
// overrides. (The file is the caller's to quote, printable.Quote.)
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s [%s]", d.File, d.Line, d.Col, d.Level, printable.Escape(pointed(d.Pointer, d.Message)), d.Rule)
}

// Compare orders diagnostics by file, line, column, rule, then message.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Rule, b.Rule),
		cmp.Compare(a.Pointer, b.Pointer),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts diagnostics in place with Compare.
func Sort(ds []Diagnostic) { slices.SortStableFunc(ds, Compare) }

// Count returns how many diagnostics are at level l.
func Count(ds []Diagnostic, l Level) int {
	n := 0
	for _, d := range ds {
		if d.Level == l {
			n++
		}
	}
	return n
}

// Plural writes n and a noun, pluralised unless n is 1: "1 file",
// "2 files", "2 entries". Messages and summaries use it so that counts
// read right.
func Plural(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	if stem, ok := strings.CutSuffix(noun, "y"); ok && stem != "" && !strings.ContainsAny(stem[len(stem)-1:], "aeiou") {
		return fmt.Sprintf("%d %sies", n, stem)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
