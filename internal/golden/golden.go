// Package golden guards the tests' -update flags: rewriting an expected
// output may change findings, but never lose one unnoticed (like
// golang/vulndb's golden files). The checks' want.txt files and the CLI's
// testscripts share it.
package golden

import (
	"regexp"
	"strings"
)

// finding is a diagnostic line in the text format ("file:line:col: error:
// …") or any line that holds a level the way it does.
var finding = regexp.MustCompile(`: (error|warning|info): `)

// position is the file:line:col a finding starts with: a finding that
// only moved is the same finding.
var position = regexp.MustCompile(`^(\S+?):\d+:\d+: `)

// Findings returns the lines of s that report a finding.
func Findings(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if finding.MatchString(l) {
			out = append(out, l)
		}
	}
	return out
}

// Dropped returns the findings that rewriting old with got would lose:
// none when got reports at least as many findings as old (a reworded or
// moved finding is a change to review in the diff, not a loss); else the
// findings of old that got no longer has, ignoring where they are.
func Dropped(old, got string) []string {
	was, is := Findings(old), Findings(got)
	if len(is) >= len(was) {
		return nil
	}
	key := func(l string) string { return position.ReplaceAllString(l, "$1: ") }
	have := map[string]int{}
	for _, l := range is {
		have[key(l)]++
	}
	var gone []string
	for _, l := range was {
		if have[key(l)] == 0 {
			gone = append(gone, l)
			continue
		}
		have[key(l)]--
	}
	if len(gone) == 0 { // cannot happen with fewer lines; say so anyway
		gone = was[len(is):]
	}
	return gone
}
