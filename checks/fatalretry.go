package checks

import (
	"fmt"
	"regexp"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// FatalRetry checks that a fatal entry's message does not ask to retry.
var FatalRetry = &Rule{
	Name: "fatal-retry",
	Doc: `A fatal entry's message does not ask the user to try again

Fatal blocks login or playback entirely; what a retry may fix does not.
A fatal entry whose message says "try again" is reported at that text.
Fix: lower the severity to error or warn; or, when the client asks for a
retry that never helps, acknowledge the finding and say so.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			if f.Entry.Severity != entry.Fatal {
				continue
			}
			for i, v := range f.Entry.Message.Variants {
				if tryAgain.MatchString(v.Text) {
					pass.Report(f, fmt.Sprintf("/message/variants/%d/text", i),
						"severity: found \"fatal\" but the message asks to try again; want error or warn, since a retry may fix it")
				}
			}
		}
	},
}

var tryAgain = regexp.MustCompile(`(?i)\btry again\b`)
