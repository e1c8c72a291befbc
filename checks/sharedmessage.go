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
For every such group, each member gets one finding at level info naming
the others, so that reviewers see the group and each entry can say how it
differs. This is information, never a failure.`,
	Level: diag.Info,
	Run: func(pass *Pass) {
		keys, groups := messageGroups(pass.Files)
		for _, h := range keys {
			g := groups[h]
			if len(g) < 2 {
				continue
			}
			for _, m := range g {
				var others []*entry.Entry
				var related []diag.Location
				for _, o := range g {
					if o.f != m.f {
						others = append(others, o.f.Entry)
						related = append(related, At(o.f, fmt.Sprintf("/message/variants/%d/text", o.variant), o.f.Entry.Code+" shows it too"))
					}
				}
				pass.ReportRelated(m.f, fmt.Sprintf("/message/variants/%d/text", m.variant), related, "message text: %s is shown by %d entries; the others are %s", quote(h), len(g), codeList(others))
			}
		}
	},
}
