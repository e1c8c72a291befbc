package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// maxLabelLen bounds a chain label, in characters. The chain's length
// (2 to 8 nodes) is the schema's to check.
const maxLabelLen = 32

// CauseChain checks the shape of the cause chain.
var CauseChain = &Rule{
	Name: "cause-chain",
	Doc: fmt.Sprintf(`The cause chain runs from a trigger to a critical breaking point

The chain is drawn as a row of boxes from what the user or the system did
to where it broke, so its shape carries meaning (the schema already holds it to 2 to 8
nodes: one node is no chain; more do not fit a row):

- (error) The last node, the breaking point, is critical: an error breaks
  somewhere. An info entry is the exception: information breaks nothing,
  so its chain ends where it stops, in any state, and rule info-critical
  wants no critical node there at all. Together the two rules leave every
  severity a chain it can pass with.
- (error) A good node (known healthy) comes before every fragile or
  critical one: nothing is healthy after the chain has started to break.
- (error) No two labels are the same, ignoring case.
- (error) A label holds no parenthesised detail: "Auth servers (AP
  cluster)" is label "Auth servers" with detail "AP cluster", since the
  exporters render the detail themselves. Fix: split it.
- (error) A label is at most %d characters: it is a box title; say more
  in the detail.`, maxLabelLen),
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			chain := f.Entry.Chain
			if n := len(chain); n > 0 && chain[n-1].State != entry.Critical && f.Entry.Severity != entry.Info {
				pass.Report(f, ptrAt(pChain, n-1, sState), "chain: the last node %s is %q; want \"critical\" (the breaking point)", quote(chain[n-1].Label), chain[n-1].State)
			}
			broken := -1
			for i, n := range chain {
				ptr := ptrAt(pChain, i, sNone)
				switch {
				case n.State == entry.Good && broken >= 0:
					pass.Report(f, ptrAt(pChain, i, sState), "chain: node %s is \"good\" after %s node %s; want good nodes before the chain starts to break", quote(n.Label), chain[broken].State, quote(chain[broken].Label))
				case (n.State == entry.Fragile || n.State == entry.Critical) && broken < 0:
					broken = i
				}
				// At most eight nodes: compared pairwise.
				if j := slices.IndexFunc(chain[:i], func(p entry.Node) bool { return sameFold(p.Label, n.Label) }); j >= 0 {
					pass.Report(f, ptr+"/label", "chain label: found %s again (node %d); want each label once", quote(n.Label), j)
				}
				if !strings.Contains(n.Label, "(") {
					// parenDetail cannot match: spare the regexp.
				} else if m := parenDetail.FindStringSubmatch(n.Label); m != nil {
					fix := &diag.Fix{Message: "move the parenthesised text to the detail", Pointer: ptr,
						Value: map[string]any{"label": m[1], "detail": m[2], "state": string(n.State)}}
					if n.Detail != "" {
						fix = nil // two details: a person must merge them
					}
					pass.ReportFix(f, ptr+"/label", fix, "chain label: found %s with a parenthesised detail; want label %s and detail %s", quote(n.Label), quote(m[1]), quote(m[2]))
				}
				if l := utf8.RuneCountInString(n.Label); l > maxLabelLen {
					pass.Report(f, ptr+"/label", "chain label: found %d characters; want at most %d (put the rest in the detail)", l, maxLabelLen)
				}
			}
		}
	},
}

// parenDetail is a label that ends in "(detail)".
var parenDetail = regexp.MustCompile(`^\s*(.*?\S)\s*\(([^()]+)\)\s*$`)
