package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

// fillPlaceholders does what a contributor does after errref new: it
// replaces every placeholder text of the entry file at path with a real
// one ("Filled cause 4 of auth-99", …), keeping everything else as new wrote it.
func fillPlaceholders(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	f, ds := loader.Parse(filepath.ToSlash(path), data)
	if len(ds) > 0 {
		return fmt.Errorf("%s", ds[0])
	}
	e := f.Entry
	n := 0
	fill := func(s *string, what string) {
		if entry.IsPlaceholder(*s) {
			n++
			*s = fmt.Sprintf("Filled %s %d of %s", what, n, e.ID)
		}
	}
	for i := range e.Chain { // box titles: short
		if entry.IsPlaceholder(e.Chain[i].Label) {
			n++
			e.Chain[i].Label = fmt.Sprintf("Step %d", i+1)
		}
	}
	fill(&e.Title, "title")
	for i := range e.Message.Variants {
		fill(&e.Message.Variants[i].Text, "message")
	}
	for i := range e.Causes {
		fill(&e.Causes[i], "cause")
	}
	for i := range e.Resolution {
		fill(&e.Resolution[i], "resolution step")
	}
	if n == 0 {
		return fmt.Errorf("%s: no placeholder to fill", path)
	}
	out, err := entry.Format(e)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

// cmdFill is the script command "fill FILE…".
func cmdFill(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: fill FILE…")
	}
	for _, a := range args {
		ts.Check(fillPlaceholders(ts.MkAbs(a)))
	}
}
