package checks

import (
	"strings"

	"github.com/errref/errref/diag"
)

// CodeSpan reports unbalanced backticks in resolution steps.
var CodeSpan = &Rule{
	Name: "code-span",
	Doc: "Backticks in resolution steps come in pairs" + `

Text between backticks is a path or a command and renders as code; an
unbalanced backtick would render the rest of the step as code.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for _, t := range pass.prose(f.Entry) {
				// The backticks are counted, not split at (entry.StepParts):
				// an odd count leaves the last code span open.
				if n := strings.Count(t.Value, "`"); t.Field == "resolution" && n%2 == 1 {
					pass.Report(f, t.Ptr, "resolution: found %s; want pairs around each code span", diag.Plural(n, "backtick"))
				}
			}
		}
	},
}
