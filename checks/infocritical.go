package checks

import (
	"fmt"
	"slices"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// InfoCritical checks that an info entry's chain breaks nowhere.
var InfoCritical = &Rule{
	Name: "info-critical",
	Doc: `An info entry has no critical node

Information breaks nothing, so an entry rated info whose chain has a
critical node says two things at once: an entry lowered to info while its
chain still breaks is the slip this catches. Rule cause-chain wants every
chain to end at a critical breaking point, so a genuine info entry (the
upstream rates something harmless that still stops somewhere) keeps the
finding on purpose: acknowledge it with the reason. Otherwise, raise the
severity.`,
	Level: diag.Error,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			e := f.Entry
			if e.Severity != entry.Info {
				continue
			}
			if i := slices.IndexFunc(e.Chain, func(n entry.Node) bool { return n.State == entry.Critical }); i >= 0 {
				pass.Report(f, fmt.Sprintf("/chain/%d/state", i),
					"severity: found \"info\" with critical node %s; want no critical node (information breaks nothing) or a higher severity", quote(e.Chain[i].Label))
			}
		}
	},
}
