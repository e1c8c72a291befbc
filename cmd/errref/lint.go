package main

import (
	"fmt"
	"io"
	"os"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/diag"
	"github.com/errref/errref/loader"
)

// lint loads the checkout at root and runs every rule: what check does,
// and what build does first. The error is for I/O only.
func lint(root string) (*loader.Set, []diag.Diagnostic, error) {
	if root == "" {
		root = "."
	}
	set, err := loader.Load(os.DirFS(root))
	if err != nil {
		return nil, nil, err
	}
	ds := append(set.Diags, checks.Run(checks.All, set)...)
	diag.Sort(ds)
	return set, ds, nil
}

// summary writes "N files: E errors, W warnings, I info" to w.
func summary(w io.Writer, files int, ds []diag.Diagnostic) {
	fmt.Fprintf(w, "%d files: %d errors, %d warnings, %d info\n", files,
		diag.Count(ds, diag.Error), diag.Count(ds, diag.Warning), diag.Count(ds, diag.Info))
}
