package checks

import (
	"fmt"

	"github.com/errref/errref/diag"
)

// MissingLocale lists the declared locale gaps.
var MissingLocale = &Rule{
	Name: "missing-locale",
	Doc: `Messages missing in a locale are listed

Every gap declared in message.locale_gaps is reported as information (with
errref check -v), so that each release shows which messages the client
cannot display in which locale, and a translator can pick them up. Rule
locale-gap checks that the gaps are declared and explained.`,
	Level:    diag.Info,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for i, g := range f.Entry.Message.LocaleGaps {
				pass.Report(f, fmt.Sprintf("/message/locale_gaps/%d/locale", i), "message locale_gaps: the message is missing in locale %q; exporters show a placeholder there", g.Locale)
			}
		}
	},
}
