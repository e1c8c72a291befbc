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
- Two entries have the same position. Only the upstream's entries carry
  one, to keep the upstream's order; an entry without a position is
  ordered by its group and code (docs/entries.md).
- A range code ("prefix" then "N–M", with an en dash or a hyphen, at most
  %d members) lists exactly its members in codes, in order: accounts:53–55
  covers accounts:53, accounts:54 and accounts:55. Any other code lists
  exactly itself.
- The subsystem agrees with the code: a code with a "prefix:" has a
  subsystem, every entry whose code has that prefix has the same one
  (desktop_login_accounts is dlacc everywhere), and a code without a
  prefix (HTTP 429, Installer error 18) has none.

The finding is on the entry that comes later in reference order and names
the file of the earlier one.`, entry.MaxRange),
	Level: diag.Error,
	Run: func(pass *Pass) {
		ids := map[string]*loader.File{}
		codes := map[string]codeAt{}
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
			} else if first, ok := positions[e.Position]; ok {
				pass.ReportRelated(f, "/position", []diag.Location{At(first, "/position", fmt.Sprintf("the other entry at position %d", e.Position))},
					"position: found %d, which %s already has; want a unique position", e.Position, first.Path)
			} else {
				positions[e.Position] = f
			}
			for i, c := range e.Codes {
				if first, ok := codes[c.Code]; ok && first.f != f {
					pass.ReportRelated(f, fmt.Sprintf("/codes/%d/code", i), []diag.Location{At(first.f, first.ptr, "the other entry that covers "+quote(c.Code))},
						"codes code: found %q, which %s already covers; want each concrete code in one entry: this error's own code, or no entry", c.Code, first.f.Path)
				} else if !ok {
					codes[c.Code] = codeAt{f, fmt.Sprintf("/codes/%d/code", i)}
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

// identitySubsystem checks f's subsystem against its code's prefix and
// against the first entry with the same prefix.
func identitySubsystem(pass *Pass, f *loader.File, first map[string]*loader.File) {
	e := f.Entry
	prefix := entry.Prefix(e.Code)
	switch {
	case prefix == "" && e.Subsystem != "":
		pass.Report(f, "/subsystem", "subsystem: found %q, but code %q has no subsystem prefix; want no subsystem", e.Subsystem, e.Code)
	case prefix == "":
	case e.Subsystem == "":
		pass.Report(f, "/code", "subsystem: found none, but code %q has prefix %q; want the subsystem", e.Code, prefix)
	default:
		if p, ok := first[prefix]; !ok {
			first[prefix] = f
		} else if p.Entry.Subsystem != e.Subsystem {
			pass.Report(f, "/subsystem", "subsystem: found %q for prefix %q, but %s has %q; want one subsystem per prefix", e.Subsystem, prefix, p.Path, p.Entry.Subsystem)
		}
	}
}
