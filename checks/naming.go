package checks

import (
	"path"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

// Naming checks that ids are derived from codes and name their files.
var Naming = &Rule{
	Name: "naming",
	Doc: `File name, id and code agree

An entry's id is its code put through the upstream's anchor rule (lowercase,
each run of characters outside [a-z0-9] becomes "-", trimmed), so that
site anchors ("#e-" and the id) and downstream links never drift; the file
is named after the id, plus ".json", so that a reviewer finds an entry by
its id alone.

The code is taken as the truth, and each entry gets one finding that says
the one change to make: rename the file, set the id (fix), or both. When
the code's id is another entry's, the code is the likely slip (a copied
entry): the finding asks for this error's own code and never suggests
taking the other entry's id.`,
	Level: diag.Error,
	Run: func(pass *Pass) {
		// The owner of an id: the file named after it, else the first.
		ids := make(map[string]*loader.File, len(pass.Files)) // sized: growing it allocated twice its size
		for _, f := range pass.Files {
			id := f.Entry.ID
			if o, ok := ids[id]; !ok || fileID(f) == id && fileID(o) != id {
				ids[id] = f
			}
		}
		for _, f := range pass.Files {
			e := f.Entry
			want := entry.Slug(e.Code)
			base := fileID(f)
			setID := func() *diag.Fix { // only for the findings that offer it: most entries have none
				return &diag.Fix{Message: "derive the id from the code", Pointer: "/id", Value: want}
			}
			switch other := ids[want]; {
			case e.ID == want && base == want:
			case other != nil && other != f && e.ID == want:
				pass.ReportRelated(f, "/code", []diag.Location{At(other, "/id", "the entry with this code and id")},
					"code and id: found %s and %s, which are %s's; want this error's own code, then the id and file name derived from it",
					quote(e.Code), quote(e.ID), other.Path)
			case other != nil && other != f:
				pass.ReportRelated(f, "/code", []diag.Location{At(other, "/id", "the entry whose id code "+quote(e.Code)+" gives")},
					"code: found %s, whose id %s is %s's; want this error's own code (id %s and file %s suggest it)",
					quote(e.Code), quote(want), other.Path, quote(e.ID), quote(base+".json"))
			case e.ID == want:
				pass.Report(f, "/id", "file name: found %q; want %q, the id: rename the file", base+".json", want+".json")
			case base == want:
				pass.ReportFix(f, "/id", setID(), "id: found %q; want %q, derived from code %s (the file name agrees)", e.ID, want, quote(e.Code))
			case base == e.ID:
				pass.ReportFix(f, "/id", setID(), "id: found %q, but code %s gives %q; want id %q and file %q, or the code of %s", e.ID, quote(e.Code), want, want, want+".json", quote(e.ID))
			default:
				pass.ReportFix(f, "/id", setID(), "id and file name: found id %q in %q; want id %q in %q, both derived from code %s", e.ID, base+".json", want, want+".json", quote(e.Code))
			}
		}
	},
}

// fileID is the id the file's name gives: "auth-1" of entries/auth-1.json.
func fileID(f *loader.File) string { return strings.TrimSuffix(path.Base(f.Path), ".json") }
