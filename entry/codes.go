package entry

import (
	"fmt"
	"strconv"
	"strings"
)

// MaxRange bounds the members a range code may expand to, so that a typo
// such as accounts:53–5500 cannot stand for thousands of codes.
const MaxRange = 100

// splitRange splits a range code into its prefix and its two numbers: a
// prefix, then "N–M" with an en dash or a hyphen, spaced or not (the
// regexp ^(.*?)(\d+) *[–-] *(\d+)$, FuzzSplitRange); the schema's range
// condition says the same. ok is false for any other code. Every check
// and export asks it of every code, so it is plain code.
func splitRange(code string) (prefix, lo, hi string, ok bool) {
	i := len(code)
	for i > 0 && isDigit(code[i-1]) {
		i--
	}
	if i == len(code) {
		return "", "", "", false
	}
	hi = code[i:]
	for i > 0 && code[i-1] == ' ' {
		i--
	}
	switch {
	case i > 0 && code[i-1] == '-':
		i--
	case strings.HasSuffix(code[:i], "–"):
		i -= len("–")
	default:
		return "", "", "", false
	}
	for i > 0 && code[i-1] == ' ' {
		i--
	}
	j := i
	for j > 0 && isDigit(code[j-1]) {
		j--
	}
	if j == i || strings.IndexByte(code[:j], '\n') >= 0 { // . does not match a line break
		return "", "", "", false
	}
	return code[:j], code[j:i], hi, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// Members expands a display code to the concrete codes it stands for:
// accounts:53–55 gives accounts:53, accounts:54 and accounts:55; a code
// that is not a range stands for itself. A range must run upwards and
// have at most MaxRange members.
func Members(code string) ([]string, error) {
	prefix, los, his, ok := splitRange(code)
	if !ok {
		return []string{code}, nil
	}
	lo, err1 := strconv.Atoi(los)
	hi, err2 := strconv.Atoi(his)
	if err1 != nil || err2 != nil || lo >= hi || hi-lo >= MaxRange {
		return nil, fmt.Errorf("found range %q; want N–M with N < M and at most %d members", code, MaxRange)
	}
	out := make([]string, 0, hi-lo+1)
	for n := lo; n <= hi; n++ {
		out = append(out, prefix+strconv.Itoa(n))
	}
	return out, nil
}

// CanonicalCode is code as the reference spells a range: the members'
// numbers joined by an en dash, unspaced ("accounts:60 - 62" is
// "accounts:60–62"). Any other code is returned as it is.
func CanonicalCode(code string) string {
	prefix, lo, hi, ok := splitRange(code)
	if !ok {
		return code
	}
	return prefix + lo + "–" + hi
}

// Covers reports whether e stands for the concrete or display code c.
func (e *Entry) Covers(c string) bool {
	if e.Code == c {
		return true
	}
	for _, x := range e.Codes {
		if x.Code == c {
			return true
		}
	}
	return false
}

// Prefix is the subsystem part of a code ("accounts" of "accounts:4",
// "desktop_login_accounts" of "desktop_login_accounts:2"), or "" for a
// code outside a subsystem (HTTP 429, Installer error 18). A prefix
// starts with a letter, so that its subsystem (the prefix in lowercase)
// is one the schema accepts, and is followed by ":" and anything but a
// space: the regexp ^([A-Za-z][A-Za-z0-9_]*):[^ ] (FuzzPrefix), which
// the schema's prefix condition says too.
func Prefix(code string) string {
	if code == "" || !isLetter(code[0]) {
		return ""
	}
	i := 1
	for i < len(code) && (isLetter(code[i]) || isDigit(code[i]) || code[i] == '_') {
		i++
	}
	if i+1 < len(code) && code[i] == ':' && code[i+1] != ' ' {
		return code[:i]
	}
	return ""
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// SubsystemOf is the subsystem tag an entry with this code takes: the one
// that the entries already using its prefix carry (the first in es that
// has one: desktop_login_accounts is tagged dlacc), else the prefix in
// lowercase, or "" for a code without a prefix.
func SubsystemOf(es []*Entry, code string) string {
	p := Prefix(code)
	if p == "" {
		return ""
	}
	for _, e := range es {
		if e.Subsystem != "" && Prefix(e.Code) == p {
			return e.Subsystem
		}
	}
	return strings.ToLower(p)
}
