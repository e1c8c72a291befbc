// Package nearest finds the known word closest to a misspelt one, for
// messages that suggest what was meant ("resolutoin": want "resolution").
package nearest

import "strings"

// Word returns the candidate closest to s by edit distance, ignoring
// case, when it is close enough to be a likely typo (at most a third of
// the longer word's letters differ) or one is the start of the other
// ("warning", "warn"); otherwise "".
func Word(s string, candidates []string) string {
	best, bestD := "", -1
	ls := strings.ToLower(s)
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := distance(ls, lc)
		if min(len(ls), len(lc)) >= 3 && (strings.HasPrefix(ls, lc) || strings.HasPrefix(lc, ls)) {
			d = min(d, 1) // "warning" for "warn": a longer form of the word
		}
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(len([]rune(s)), len([]rune(best))) / 3
	if best == "" || bestD > max(limit, 1) {
		return ""
	}
	return best
}

// distance is the Damerau–Levenshtein (optimal string alignment) distance
// in runes: a swap of two neighbours counts once, as in "resolutoin".
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range rb {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
