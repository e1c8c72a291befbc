package checks

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/errref/errref/diag"
)

// DuplicateItem reports a cause or resolution step listed twice.
var DuplicateItem = &Rule{
	Name: "duplicate-item",
	Doc: `No cause or resolution step is listed twice

The same cause or step twice, ignoring case and spacing, is a slip of
copy and paste; readers would try the step twice. Fix: remove the later
one.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			e := f.Entry
			for _, field := range []struct {
				name, ptr string
				items     []string
			}{{"causes", "/causes", e.Causes}, {"resolution", "/resolution", e.Resolution}} {
				// A handful of items: compared pairwise, nothing allocated.
				for i, it := range field.items {
					if strings.TrimSpace(it) == "" {
						continue // whitespace reports it
					}
					j := slices.IndexFunc(field.items[:i], func(prev string) bool { return sameItem(prev, it) })
					if j < 0 {
						continue
					}
					ptr := fmt.Sprintf("%s/%d", field.ptr, i)
					pass.ReportFix(f, ptr, &diag.Fix{Message: "remove the duplicate", Pointer: ptr, Remove: true},
						"%s: found %s again (item %d); want each item once", field.name, quote(it), j)
				}
			}
		}
	},
}

// sameItem reports whether a and b are the same words, ignoring case and
// spacing: strings.ToLower(strings.Join(strings.Fields(x), " ")) of both
// is equal, tested word by word.
func sameItem(a, b string) bool {
	next := func(s string) (word, rest string) {
		s = strings.TrimLeftFunc(s, unicode.IsSpace)
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			return s, ""
		}
		return s[:i], s[i:]
	}
	for {
		wa, ra := next(a)
		wb, rb := next(b)
		if wa == "" || wb == "" {
			return wa == wb
		}
		if !sameFold(wa, wb) {
			return false
		}
		a, b = ra, rb
	}
}
