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
chain still breaks is the slip this catches. Fix it by raising the
severity, or by ending the chain where it stops without breaking (rule
cause-chain lets an info chain end in any state). Where the source rates
an error info and still draws a critical node, acknowledge the finding
with the reason.`,
	Level:    diag.Error,
	PerEntry: true,
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
