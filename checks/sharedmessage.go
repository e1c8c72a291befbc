package checks

import (
	"fmt"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// SharedMessage lists the entries that show one message.
var SharedMessage = &Rule{
	Name: "shared-message",
	Doc: `Entries that show the same message point at each other

Seven codes show "A firewall may be blocking Spotify.": a user who sees it
cannot tell which one fired without the code, and a reader of one entry
should know the others exist. Two messages are the same when their first
sentences are equal once the client's "(Error code: …)" suffix is removed.
For every such group, the first member in reference order gets one
finding at level info naming the others, so that reviewers see the group
and each entry can say how it differs. One finding per group rather than
one per member keeps the output proportional to the number of entries,
however large a group grows. This is information, never a failure.`,
	Level: diag.Info,
	Run: func(pass *Pass) {
		keys, groups := pass.messageGroups()
		for _, h := range keys {
			g := groups[h]
			if len(g) < 2 {
				continue
			}
			first := g[0]
			others := make([]*entry.Entry, 0, len(g)-1)
			related := make([]diag.Location, 0, len(g)-1)
			for _, o := range g[1:] {
				others = append(others, o.f.Entry)
				related = append(related, At(o.f, fmt.Sprintf("/message/variants/%d/text", o.variant), o.f.Entry.Code+" shows it too"))
			}
			pass.ReportRelated(first.f, fmt.Sprintf("/message/variants/%d/text", first.variant), related, "message text: %s is shown by %d entries; the others are %s", quote(h), len(g), codeList(others))
		}
	},
}
