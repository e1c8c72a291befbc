package checks

import (
	"regexp"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

var spaceRun = regexp.MustCompile(`  +`)

// Whitespace reports stray spaces.
var Whitespace = &Rule{
	Name: "whitespace",
	Doc: `Texts have no stray spaces

Exporters print these strings in many formats, where stray spaces show as
gaps or break alignment, and a reviewer cannot see them in a diff.

- Leading or trailing spaces, in any text, the verbatim message and codes
  included (fix: trim).
- A cause or resolution step with nothing but spaces (fix: remove it), or
  another text with nothing but spaces.
- Two or more spaces in a row, outside the verbatim message and codes
  (fix: collapse, when no code span is involved).`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for _, t := range pass.texts(f.Entry) {
				v := t.Value
				trimmed := strings.TrimSpace(v)
				switch {
				case trimmed == "" && (t.Field == "causes" || t.Field == "resolution"):
					pass.ReportFix(f, t.Ptr, &diag.Fix{Message: "remove the empty item", Pointer: t.Ptr, Remove: true},
						"%s: found an item with only spaces; want text, or no item", t.Field)
					continue
				case trimmed == "":
					pass.Report(f, t.Ptr, "%s: found only spaces; want text", t.Field)
					continue
				case trimmed != v:
					pass.ReportFix(f, t.Ptr, &diag.Fix{Message: "trim the spaces", Pointer: t.Ptr, Value: trimmed},
						"%s: found leading or trailing spaces in %s; want %s", t.Field, quote(v), quote(trimmed))
				}
				if verbatimFields[t.Field] || entry.IsPlaceholder(trimmed) || !strings.Contains(v, "  ") {
					continue
				}
				var fix *diag.Fix
				if len(entry.StepParts(v)) == 1 {
					fix = &diag.Fix{Message: "collapse the spaces", Pointer: t.Ptr, Value: spaceRun.ReplaceAllString(v, " ")}
				}
				pass.ReportFix(f, t.Ptr, fix, "%s: found two or more spaces in a row in %s; want one", t.Field, quote(v))
			}
		}
	},
}
