package checks

import (
	"fmt"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
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
		type member struct {
			f   *loader.File
			ptr string
		}
		groups := map[string][]member{}
		var keys []string
		for _, f := range pass.Files {
			seen := map[string]bool{}
			for i, v := range f.Entry.Message.Variants {
				h := headline(v.Text)
				if seen[h] {
					continue
				}
				seen[h] = true
				if groups[h] == nil {
					keys = append(keys, h)
				}
				groups[h] = append(groups[h], member{f, fmt.Sprintf("/message/variants/%d/text", i)})
			}
		}
		for _, h := range keys {
			g := groups[h]
			if len(g) < 2 {
				continue
			}
			for _, m := range g {
				var others []*entry.Entry
				for _, o := range g {
					if o.f != m.f {
						others = append(others, o.f.Entry)
					}
				}
				pass.Report(m.f, m.ptr, "message text: %s is shown by %d entries; the others are %s", quote(h), len(g), codeList(others))
			}
		}
	},
}
