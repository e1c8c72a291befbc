package checks

import (
	"fmt"
	"strings"

	"github.com/errref/errref/diag"
)

// MessageVariants checks that several message texts say when each shows.
var MessageVariants = &Rule{
	Name: "message-variants",
	Doc: `Several message texts say when each one shows

An entry lists more than one displayed text when the client words the
error differently by situation (desktop_login_accounts:2 says "Login timed
out" or "Signup timed out"). A reader who sees one of them needs to know
which situation it means.

- (error) Two variants with the same text, ignoring case and spacing: one
  text is one variant, whatever the situations.
- (error) With two or more variants, each has a "when" that says in
  which situation it shows.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			vs := f.Entry.Message.Variants
			if len(vs) < 2 {
				continue // one text: nothing to repeat, no situation to name
			}
			seen := map[string]int{}
			for i, v := range vs {
				ptr := fmt.Sprintf("/message/variants/%d", i)
				key := strings.ToLower(strings.Join(strings.Fields(v.Text), " "))
				if j, ok := seen[key]; ok {
					pass.Report(f, ptr+"/text", "message text: found %s again (variant %d); want each text once", quote(v.Text), j)
				} else {
					seen[key] = i
				}
				if strings.TrimSpace(v.When) == "" {
					pass.Report(f, ptr, "message variant: found %d variants and no \"when\" on this one; want the situation in which it shows", len(vs))
				}
			}
		}
	},
}
