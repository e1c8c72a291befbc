package checks

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/loader"
)

// Options select what Check and Fix look at.
type Options struct {
	// Rules to run; nil runs All. The loader's rules always apply.
	Rules []*Rule
	// Paths limits the findings to these files or folders (slash-separated,
	// relative to the checkout); nil reports on every file. Rules still
	// see every entry, so that a duplicate id in a file not named is found.
	Paths []string
	// Place selects the findings whose line and column Check finds; nil
	// selects all. Finding them reads the file again: a command that
	// shows no information (check without -v, build) need not place it.
	// A finding left unplaced has line and column 0, and sorts first
	// in its file.
	Place func(diag.Diagnostic) bool
}

// Result is what Check found.
type Result struct {
	Set *loader.Set
	// Files is how many files the findings cover: those Paths names.
	Files int
	// Diags are the findings no entry acknowledges, sorted with
	// diag.Compare.
	Diags []diag.Diagnostic
	// Acknowledged are the findings entries keep on purpose, sorted, each
	// with its reason in Acknowledged.
	Acknowledged []diag.Diagnostic
}

// Check loads the checkout in fsys, runs the rules and returns the sorted
// findings. The error is for I/O only.
func Check(fsys fs.FS, opts Options) (*Result, error) {
	set, err := loader.Load(fsys)
	if err != nil {
		return nil, err
	}
	rules := opts.Rules
	if rules == nil {
		rules = All
	}
	ds, acked := acknowledge(set, rules, run(rules, set))
	place(set, ds, opts.Place)
	place(set, acked, opts.Place)
	ds = append(ds, set.Diags...)
	res := &Result{Set: set}
	for _, f := range set.Files {
		if named(opts.Paths, f.Path) {
			res.Files++
		}
	}
	res.Diags = inPaths(opts.Paths, ds)
	res.Acknowledged = inPaths(opts.Paths, acked)
	diag.Sort(res.Diags)
	diag.Sort(res.Acknowledged)
	return res, nil
}

// inPaths returns the findings of ds in files that paths name: ds itself
// when paths is nil.
func inPaths(paths []string, ds []diag.Diagnostic) []diag.Diagnostic {
	if paths == nil {
		return ds
	}
	var out []diag.Diagnostic
	for _, d := range ds {
		if named(paths, d.File) {
			out = append(out, d)
		}
	}
	return out
}

// Named reports whether file is one of paths or inside one of them; nil
// paths name every file.
func Named(paths []string, file string) bool { return named(paths, file) }

// named reports whether file is one of paths or inside one of them.
func named(paths []string, file string) bool {
	if paths == nil {
		return true
	}
	for _, p := range paths {
		p = path.Clean(p)
		if p == "." || p == file || strings.HasPrefix(file, p+"/") {
			return true
		}
	}
	return false
}

// Fixed is one fix Fix applied.
type Fixed struct {
	File string
	Fix  diag.Fix
}

// FixReport says what Fix did.
type FixReport struct {
	Fixed  []Fixed
	Failed []error // files a fix could not be applied to, and why
}

// maxFixRounds bounds Fix: a fix may enable another, but never forever.
const maxFixRounds = 5

// Fix checks, applies the fixes the findings offer, writes each changed
// file with write (path relative to fsys, the content it was read with,
// the new content) and checks again, round by round until no fix is left;
// it returns the last check's result. write must make the new bytes
// visible through fsys.
func Fix(fsys fs.FS, opts Options, write func(path string, old, data []byte) error) (*Result, *FixReport, error) {
	res, err := Check(fsys, opts)
	if err != nil {
		return nil, nil, err
	}
	rep := &FixReport{}
	failed := map[string]bool{}
	for range maxFixRounds {
		byFile := map[string][]diag.Fix{}
		for _, d := range res.Diags {
			if d.Fix != nil && !failed[d.File] {
				byFile[d.File] = append(byFile[d.File], *d.Fix)
			}
		}
		if len(byFile) == 0 {
			break
		}
		for _, f := range res.Set.Files { // sorted by path
			fixes := byFile[f.Path]
			if len(fixes) == 0 {
				continue
			}
			out, applied, err := ApplyFixes(f, fixes)
			if err != nil {
				failed[f.Path] = true
				rep.Failed = append(rep.Failed, err)
				continue
			}
			old, err := f.Bytes() // ApplyFixes read it: kept since
			if err != nil {
				return nil, nil, err
			}
			if err := write(f.Path, old, out); err != nil {
				return nil, nil, fmt.Errorf("write %s: %w", f.Path, err)
			}
			for _, fx := range applied {
				rep.Fixed = append(rep.Fixed, Fixed{f.Path, fx})
			}
		}
		if res, err = Check(fsys, opts); err != nil {
			return nil, nil, err
		}
	}
	return res, rep, nil
}
