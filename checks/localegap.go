package checks

import (
	"fmt"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// LocaleGap checks that missing locale strings are declared and explained.
var LocaleGap = &Rule{
	Name: "locale-gap",
	Doc: `A message missing in a locale is declared and carries a known-bug note

Some codes have no string in some of the client's translation files, and
the client then shows a blank message (accounts:417 has no English string).
Such an entry lists the locales in message.locale_gaps so that tools know
the blank is real, and explains it in a note of kind known-bug so that
readers do not take the blank for missing data. (The schema already
requires a gap of an entry with no message variants.)

- (error) An entry that declares a gap has a note of kind known-bug.
- (error) An entry that declares a gap in "en" has no variants: the
  variants are the English texts the client shows.

Rule missing-locale lists every declared gap, as information.

How exporters show a gap: an entry without variants gets, in llms.txt and
llms-full.txt, the placeholder "(No message shown — locale string is
absent, a known client bug.)" in place of the message; errors.json keeps
the empty variants and the locale_gaps list as they are.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			e := f.Entry
			gaps := e.Message.LocaleGaps
			if len(gaps) > 0 && (e.Note == nil || e.Note.Kind != entry.KnownBug) {
				pass.Report(f, "/message/locale_gaps", "message locale_gaps: found %s, but %s; want a note of kind %q explaining the blank message", diag.Plural(len(gaps), "gap"), noteFound(e), entry.KnownBug)
			}
			for i, g := range gaps {
				ptr := fmt.Sprintf("/message/locale_gaps/%d/locale", i)
				if g.Locale == "en" && len(e.Message.Variants) > 0 {
					pass.Report(f, ptr, "message locale_gaps: found a gap in \"en\" and %s; want no variants (they are the English texts), or no gap in \"en\"", diag.Plural(len(e.Message.Variants), "variant"))
				}
			}
		}
	},
}
