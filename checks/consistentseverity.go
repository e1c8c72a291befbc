package checks

import (
	"fmt"
	"strings"

	"github.com/errref/errref/diag"
)

// ConsistentSeverity checks that entries showing one message agree on
// its severity.
var ConsistentSeverity = &Rule{
	Name: "consistent-severity",
	Doc: `Entries that show the same message have the same severity

One message usually means one failure, so entries that show the same
message (its first sentence, without the "(Error code: …)" suffix) have
the same severity, unless a note explains the difference (a note exempts
its entry). The finding is on each entry that differs, names the others
with their severities, and points at their severity as related
locations; it says whether they also break at the same point (the label
of the last chain node, ignoring case), where a difference is the more
surprising.`,
	Level: diag.Error,
	Run: func(pass *Pass) {
		keys, groups := pass.messageGroups()
		for _, h := range keys {
			g := groups[h]
			for _, m := range g {
				f := m.f
				if f.Entry.Note != nil {
					continue // its note explains
				}
				var same, other []string
				var sameAt, otherAt []diag.Location
				for _, pm := range g {
					p := pm.f
					if p == f || p.Entry.Note != nil || p.Entry.Severity == f.Entry.Severity {
						continue
					}
					peer := fmt.Sprintf("%s (%s)", p.Entry.Code, p.Entry.Severity)
					at := At(p, "/severity", fmt.Sprintf("%s, same message, has severity %s", p.Entry.Code, quote(string(p.Entry.Severity))))
					if strings.EqualFold(p.Entry.BreakingPoint(), f.Entry.BreakingPoint()) {
						same, sameAt = append(same, peer), append(sameAt, at)
					} else {
						other, otherAt = append(other, peer), append(otherAt, at)
					}
				}
				if len(same) > 0 {
					pass.ReportRelated(f, "/severity", sameAt, "severity: found %q, but entries with the same message %s and breaking point %s differ: %s; want one severity, or a note explaining the difference",
						f.Entry.Severity, quote(h), quote(f.Entry.BreakingPoint()), strings.Join(same, ", "))
				} else if len(other) > 0 {
					pass.ReportRelated(f, "/severity", otherAt, "severity: found %q, but entries with the same message %s differ: %s; want one severity, or a note explaining the difference",
						f.Entry.Severity, quote(h), strings.Join(other, ", "))
				}
			}
		}
	},
}
