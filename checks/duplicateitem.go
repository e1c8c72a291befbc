package checks

import (
	"fmt"
	"strings"

	"github.com/errref/errref/diag"
)

// DuplicateItem reports a cause or resolution step listed twice.
var DuplicateItem = &Rule{
	Name: "duplicate-item",
	Doc: `No cause or resolution step is listed twice

The same cause or step twice, ignoring case and spacing, is a slip of
copy and paste; readers would try the step twice. Fix: remove the later
one.`,
	Level: diag.Error,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			e := f.Entry
			for _, field := range []struct {
				name, ptr string
				items     []string
			}{{"causes", "/causes", e.Causes}, {"resolution", "/resolution", e.Resolution}} {
				seen := map[string]int{}
				for i, it := range field.items {
					key := strings.ToLower(strings.Join(strings.Fields(it), " "))
					if key == "" {
						continue // whitespace reports it
					}
					ptr := fmt.Sprintf("%s/%d", field.ptr, i)
					if j, ok := seen[key]; ok {
						pass.ReportFix(f, ptr, &diag.Fix{Message: "remove the duplicate", Pointer: ptr, Remove: true},
							"%s: found %s again (item %d); want each item once", field.name, quote(it), j)
						continue
					}
					seen[key] = i
				}
			}
		}
	},
}
