package checks

import (
	"regexp"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

var (
	asciiArrow  = regexp.MustCompile(`\s*(?:->|=>|\s>\s)\s*`)
	arrowSpaced = regexp.MustCompile(`\s*→\s*`)
)

// UIArrow reports UI paths not written with a spaced "→".
var UIArrow = &Rule{
	Name: "ui-arrow",
	Doc: `UI paths are written with " → "

A path through the client's menus reads "Settings → Proxy" everywhere in
the reference, so that readers and search find it one way. Code spans are
left alone: a command may hold "->" or ">".

- A path written with "->", "=>" or " > " (fix: write " → ").
- "→" without one space on each side (fix: space it).`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for _, t := range pass.prose(f.Entry) {
				v := t.Value
				if !hasArrow(v) || arrowsFine(v) {
					continue
				}
				parts := entry.StepParts(v)
				if fixed := replaceOutsideCode(parts, asciiArrow, " → "); fixed != v && asciiArrow.MatchString(textOnly(parts)) {
					pass.ReportFix(f, t.Ptr, &diag.Fix{Message: "write the path with →", Pointer: t.Ptr, Value: fixed},
						"%s: found a UI path written with ASCII arrows; want \"→\"", t.Field)
				} else if fixed := replaceOutsideCode(parts, arrowSpaced, " → "); fixed != v {
					pass.ReportFix(f, t.Ptr, &diag.Fix{Message: "space the arrow", Pointer: t.Ptr, Value: fixed},
						"%s: found \"→\" without one space on each side; want \" → \"", t.Field)
				}
			}
		}
	},
}

// hasArrow reports whether s may hold an arrow the rule looks at.
func hasArrow(s string) bool {
	return strings.Contains(s, "->") || strings.Contains(s, "=>") || strings.Contains(s, " > ") || strings.Contains(s, "→")
}

// arrowsFine reports whether s has no ASCII arrow and every "→" has
// exactly one space on each side: then neither fix would change s, and
// the regular expressions need not run.
func arrowsFine(s string) bool {
	if strings.Contains(s, "->") || strings.Contains(s, "=>") || strings.Contains(s, " > ") {
		return false
	}
	const arrow = "→"
	for i := 0; ; {
		j := strings.Index(s[i:], arrow)
		if j < 0 {
			return true
		}
		j += i
		end := j + len(arrow)
		// The space before must not be the previous arrow's, which its
		// match consumed.
		if j-1 <= i || j < 2 || s[j-1] != ' ' || isRESpace(s[j-2]) || end+2 > len(s) || s[end] != ' ' || isRESpace(s[end+1]) {
			return false
		}
		i = end + 1
	}
}

// isRESpace is \s of the regexp package.
func isRESpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

func textOnly(parts []string) string {
	var b strings.Builder
	for i := 0; i < len(parts); i += 2 {
		b.WriteString(parts[i])
		b.WriteByte('\n')
	}
	return b.String()
}
