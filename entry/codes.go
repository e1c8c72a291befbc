package entry

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// MaxRange bounds the members a range code may expand to, so that a typo
// such as accounts:53–5500 cannot stand for thousands of codes.
const MaxRange = 100

// rangeCode is a prefix, then "N–M" with an en dash or a hyphen, spaced
// or not; the schema's range condition says the same.
var rangeCode = regexp.MustCompile(`^(.*?)(\d+) *[–-] *(\d+)$`)

// Members expands a display code to the concrete codes it stands for:
// accounts:53–55 gives accounts:53, accounts:54 and accounts:55; a code
// that is not a range stands for itself. A range must run upwards and
// have at most MaxRange members.
func Members(code string) ([]string, error) {
	m := rangeCode.FindStringSubmatch(code)
	if m == nil {
		return []string{code}, nil
	}
	lo, err1 := strconv.Atoi(m[2])
	hi, err2 := strconv.Atoi(m[3])
	if err1 != nil || err2 != nil || lo >= hi || hi-lo >= MaxRange {
		return nil, fmt.Errorf("found range %q; want N–M with N < M and at most %d members", code, MaxRange)
	}
	out := make([]string, 0, hi-lo+1)
	for n := lo; n <= hi; n++ {
		out = append(out, m[1]+strconv.Itoa(n))
	}
	return out, nil
}

// CanonicalCode is code as the reference spells a range: the members'
// numbers joined by an en dash, unspaced ("accounts:60 - 62" is
// "accounts:60–62"). Any other code is returned as it is.
func CanonicalCode(code string) string {
	m := rangeCode.FindStringSubmatch(code)
	if m == nil {
		return code
	}
	return m[1] + m[2] + "–" + m[3]
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

// prefixCode is a code in a client subsystem: "accounts" of "accounts:4".
// It starts with a letter, so that its subsystem (the prefix in
// lowercase) is one the schema accepts; the schema's prefix condition says
// the same.
var prefixCode = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*):[^ ]`)

// Prefix is the subsystem part of a code ("accounts" of "accounts:4",
// "desktop_login_accounts" of "desktop_login_accounts:2"), or "" for a
// code outside a subsystem (HTTP 429, Installer error 18).
func Prefix(code string) string {
	if m := prefixCode.FindStringSubmatch(code); m != nil {
		return m[1]
	}
	return ""
}

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
