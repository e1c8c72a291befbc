package checks

import (
	"path"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
)

// Naming checks that ids are derived from codes and name their files.
var Naming = &Rule{
	Name: "naming",
	Doc: `File name, id and code agree

An entry's id is its code put through the upstream's anchor rule (lowercase,
each run of characters outside [a-z0-9] becomes "-", trimmed), so that
site anchors ("#e-" and the id) and downstream links never drift; the file
is named after the id, plus ".json", so that a reviewer finds an entry by
its id alone.`,
	Level: diag.Error,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			e := f.Entry
			if want := entry.Slug(e.Code); e.ID != want {
				d := f.Diag("/id", pass.Rule.Name, pass.Rule.Level, "id: found "+quote(e.ID)+", want "+quote(want)+" (derived from code "+quote(e.Code)+")")
				d.Fix = &diag.Fix{Message: "derive the id from the code", Pointer: "/id", Value: want}
				pass.ReportDiag(d)
			}
			if base := strings.TrimSuffix(path.Base(f.Path), ".json"); base != e.ID {
				pass.Report(f, "/id", "file name: found %q, want %q (the id)", base+".json", e.ID+".json")
			}
		}
	},
}
