package checks

import (
	"fmt"
	"slices"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

// Identity checks that ids, codes and positions identify one entry each.
var Identity = &Rule{
	Name: "identity",
	Doc: fmt.Sprintf(`Ids, concrete codes and positions are unique, and codes match their range

Downstream projects look an error up by its id or by the code the client
printed; both must lead to exactly one entry. Errors:

- Two entries have the same id.
- Two entries cover the same concrete code (codes[].code), including the
  members of a range: accounts:54 inside accounts:53–55 cannot have an
  entry of its own.
- Two entries have the same position, or an entry has a position above
  %d. Only the upstream's %d entries carry one, to keep the upstream's
  order; an entry without a position is ordered by its group and code
  (docs/entries.md).
- A range code ("prefix" then "N–M", with an en dash or a hyphen) runs
  upwards, has at most %d members and lists exactly its members in codes,
  in order: accounts:53–55 covers accounts:53, accounts:54 and
  accounts:55. Any other code lists exactly itself. (The schema already
  holds a range to two codes or more and any other code to one.)
- Every entry whose code has the same "prefix:" has the same subsystem
  (desktop_login_accounts is dlacc everywhere). (The schema already
  requires a subsystem exactly when the code has a prefix.)

The finding is on the entry that comes later in reference order and names
the file of the earlier one.`, entry.UpstreamEntries, entry.UpstreamEntries, entry.MaxRange),
	Level: diag.Error,
	Run: func(pass *Pass) {
		// Sized: growing them allocated twice their size.
		ids := make(map[string]*loader.File, len(pass.Files))
		codes := make(map[string]codeAt, len(pass.Files)) // most entries cover one code
		positions := map[int]*loader.File{}
		subsystems := map[string]*loader.File{} // code prefix -> first entry
		for _, f := range pass.Files {
			e := f.Entry
			if first, ok := ids[e.ID]; ok {
				pass.ReportRelated(f, "/id", []diag.Location{At(first, "/id", "the other entry with id "+quote(e.ID))},
					"id: found %q, which %s already has; want a unique id", e.ID, first.Path)
			} else {
				ids[e.ID] = f
			}
			if e.Position == 0 {
				// no position: ordered by group and code
			} else if e.Position > entry.UpstreamEntries {
				// A made-up position would collide with the next pull
				// request's made-up one.
				pass.Report(f, "/position", "position: found %d; want none: only the upstream's %d entries carry a position (1–%d), and a new entry is listed by its group and code (docs/entries.md#order)", e.Position, entry.UpstreamEntries, entry.UpstreamEntries)
			} else if first, ok := positions[e.Position]; ok {
				pass.ReportRelated(f, "/position", []diag.Location{At(first, "/position", fmt.Sprintf("the other entry at position %d", e.Position))},
					"position: found %d, which %s already has; want no position on the entry that is not the upstream's: a new entry has none, and is listed by its group and code (docs/entries.md#order)", e.Position, first.Path)
			} else {
				positions[e.Position] = f
			}
			for i, c := range e.Codes {
				if first, ok := codes[c.Code]; ok && first.f != f {
					pass.ReportRelated(f, fmt.Sprintf("/codes/%d/code", i), []diag.Location{At(first.f, first.ptr, "the other entry that covers "+quote(c.Code))},
						"codes code: found %q, which %s already covers; want each concrete code in one entry: this error's own code, or no entry", c.Code, first.f.Path)
				} else if !ok {
					codes[c.Code] = codeAt{f, ptrAt(pCodes, i, sCode)}
				}
			}
			identitySubsystem(pass, f, subsystems)
			var got []string
			for _, c := range e.Codes {
				got = append(got, c.Code)
			}
			want, err := entry.Members(e.Code)
			if err != nil {
				pass.Report(f, "/code", "code: %v", err)
				continue
			}
			if !slices.Equal(got, want) {
				pass.Report(f, "/codes", "codes: found %s for code %q; want %s", quoteJoin(got), e.Code, quoteJoin(want))
			}
		}
	},
}

// codeAt is where a concrete code is first covered.
type codeAt struct {
	f   *loader.File
	ptr string
}

// identitySubsystem checks f's subsystem against the first entry with the
// same code prefix. Whether there is one at all is the schema's to check.
func identitySubsystem(pass *Pass, f *loader.File, first map[string]*loader.File) {
	e := f.Entry
	prefix := entry.Prefix(e.Code)
	if prefix == "" {
		return
	}
	if p, ok := first[prefix]; !ok {
		first[prefix] = f
	} else if p.Entry.Subsystem != e.Subsystem {
		pass.ReportRelated(f, "/subsystem", []diag.Location{At(p, "/subsystem", "the first entry with prefix "+quote(prefix))},
			"subsystem: found %q for prefix %q, but %s has %q; want one subsystem per prefix", e.Subsystem, prefix, p.Path, p.Entry.Subsystem)
	}
}
