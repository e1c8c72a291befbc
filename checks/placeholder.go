package checks

import (
	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// Placeholder reports the texts errref new left to fill in.
var Placeholder = &Rule{
	Name: "placeholder",
	Doc: `No placeholder is left

"errref new" writes "TODO: …" in every text it cannot know; each one is
reported at its line and column until the real text replaces it, so that
a half-written entry never reaches the bundle.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for _, t := range pass.texts(f.Entry) {
				if entry.IsPlaceholder(t.Value) {
					pass.Report(f, t.Ptr, "%s: found the placeholder %s; want the real text", t.Field, quote(t.Value))
				}
			}
		}
	},
}
