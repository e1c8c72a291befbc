package checks

import (
	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
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
				if parts := entry.StepParts(t.Value); t.Field == "resolution" && len(parts)%2 == 0 {
					pass.Report(f, t.Ptr, "resolution: found %s; want pairs around each code span", diag.Plural(len(parts)-1, "backtick"))
				}
			}
		}
	},
}
