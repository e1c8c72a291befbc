package checks

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

// Severity checks that an entry's severity fits the entry and its peers.
var Severity = &Rule{
	Name: "severity",
	Doc: `Severity fits the entry and its peers

The upstream's scale: fatal blocks login or playback entirely; error is a
failure with a clear cause; warn is a degraded experience; info is
informational. Users and downstream tools sort and filter by it, so it must
mean the same thing on every entry. The rule checks, in this order:

- (error) A fatal entry is in the auth or drm category: only login (auth)
  and playback (drm) can be blocked entirely.
- (error) A fatal or error entry has a critical node in its chain: a
  failure breaks somewhere.
- (error) A fatal entry's message does not ask the user to "try again":
  what a retry may fix does not block entirely.
- (error) An info entry has no critical node: information breaks
  nothing. Either lower the node to fragile or raise the severity.
- (error) Entries that show the same message (its first sentence, without
  the "(Error code: …)" suffix) and break at the same point (the label of
  the last chain node, ignoring case) have the same severity, unless the
  entry that differs carries a note explaining why (a note exempts its
  entry).
- (error) Entries that show the same message but break at different
  points still have the same severity, unless a note explains why: one
  message usually means one failure.`,
	Level: diag.Error,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			severityOwn(pass, f)
		}
		severityPeers(pass)
	},
}

var tryAgain = regexp.MustCompile(`(?i)\btry again\b`)

func severityOwn(pass *Pass, f *loader.File) {
	e := f.Entry
	critical := slices.IndexFunc(e.Chain, func(n entry.Node) bool { return n.State == entry.Critical })
	switch e.Severity {
	case entry.Fatal:
		if !slices.Contains(e.Categories, "auth") && !slices.Contains(e.Categories, "drm") {
			pass.Report(f, "/severity", "severity: found \"fatal\" in categories %s; want auth or drm among the categories (fatal blocks login or playback entirely), or a lower severity",
				quoteJoin(e.Categories))
		}
		for i, v := range e.Message.Variants {
			if tryAgain.MatchString(v.Text) {
				pass.Report(f, fmt.Sprintf("/message/variants/%d/text", i),
					"severity: found \"fatal\" but the message asks to try again; want error or warn, since a retry may fix it")
			}
		}
	case entry.Info:
		if critical >= 0 {
			pass.Report(f, fmt.Sprintf("/chain/%d/state", critical),
				"severity: found \"info\" with critical node %s; want no critical node (information breaks nothing) or a higher severity", quote(e.Chain[critical].Label))
		}
	}
	if critical < 0 && (e.Severity == entry.Fatal || e.Severity == entry.Error) {
		pass.Report(f, "/chain", "severity: found %q with no critical node in the chain; want the breaking point marked critical", e.Severity)
	}
}

// severityPeers compares entries that show the same message.
func severityPeers(pass *Pass) {
	keys, groups := messageGroups(pass.Files)
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
}

func quoteJoin[S ~string](ss []S) string {
	qs := make([]string, len(ss))
	for i, s := range ss {
		qs[i] = quote(string(s))
	}
	return "[" + strings.Join(qs, ", ") + "]"
}
