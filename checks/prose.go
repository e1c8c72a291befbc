package checks

import (
	"regexp"
	"strings"

	"github.com/errref/errref/entry"
)

// Which fields each writing rule looks at.
var (
	// verbatimFields are what the client prints: only checked for
	// surrounding spaces and placeholders.
	verbatimFields = set("code", "codes code", "message text")
	// fragmentFields are items and labels, never whole sentences.
	fragmentFields = set("causes", "resolution", "chain label", "chain detail", "title")
	// capitalFields start with a capital.
	capitalFields = set("causes", "resolution", "chain label", "title", "note title", "note text")
)

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// appendProse appends the prose among ts, the texts of an entry, to out:
// the texts the writing rules read, not verbatim, not blank (whitespace
// reports those), not a placeholder (placeholder reports those).
func appendProse(out, ts []text) []text {
	for _, t := range ts {
		trimmed := strings.TrimSpace(t.Value)
		if verbatimFields[t.Field] || trimmed == "" || entry.IsPlaceholder(trimmed) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// replaceOutsideCode replaces re in the text parts of a step (the even
// indexes of StepParts), leaving code spans as they are.
func replaceOutsideCode(parts []string, re *regexp.Regexp, repl string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		if i%2 == 0 {
			p = re.ReplaceAllString(p, repl)
		}
		out[i] = p
	}
	return strings.Join(out, "`")
}
