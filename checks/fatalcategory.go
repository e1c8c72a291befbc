package checks

import (
	"slices"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// FatalCategory checks that only login and playback errors are fatal.
var FatalCategory = &Rule{
	Name: "fatal-category",
	Doc: `A fatal entry is in the auth or drm category

The upstream's scale: fatal blocks login or playback entirely; error is a
failure with a clear cause; warn is a degraded experience; info is
informational. Users and downstream tools sort and filter by it, so it must
mean the same thing on every entry. Only login (auth) and playback (drm)
can be blocked entirely, so a fatal entry has auth or drm among its
categories. Fix: lower the severity, or add the category it blocks.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			e := f.Entry
			if e.Severity == entry.Fatal && !slices.Contains(e.Categories, "auth") && !slices.Contains(e.Categories, "drm") {
				pass.Report(f, "/severity", "severity: found \"fatal\" in categories %s; want auth or drm among the categories (fatal blocks login or playback entirely), or a lower severity",
					quoteJoin(e.Categories))
			}
		}
	},
}

func quoteJoin[S ~string](ss []S) string {
	qs := make([]string, len(ss))
	for i, s := range ss {
		qs[i] = quote(string(s))
	}
	return "[" + strings.Join(qs, ", ") + "]"
}
