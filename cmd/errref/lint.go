package main

import (
	"fmt"
	"io"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/diag"
	"github.com/errref/errref/loader"
)

// lint checks the whole checkout at root with every rule: what build does
// first. Only actionable findings get a line and column: build shows no
// others. The error is for I/O only.
func lint(root string) (*checks.Result, error) {
	return checks.Check(loader.Checkout(rootDir(root)), checks.Options{Place: actionable})
}

// actionable reports whether d is shown without -v: an open error or
// warning, not information nor what an entry acknowledges.
func actionable(d diag.Diagnostic) bool {
	return d.Level != diag.Info && d.Acknowledged == ""
}

// rootDir is the checkout folder: "" means the current one.
func rootDir(root string) string {
	if root == "" {
		return "."
	}
	return root
}

// summary writes "N files: E errors, W warnings, I info, A acknowledged"
// to w: ds are the open findings, acked how many entries acknowledge.
func summary(w io.Writer, files int, ds []diag.Diagnostic, acked int) {
	fmt.Fprintf(w, "%s: %s, %s, %d info, %d acknowledged\n", diag.Plural(files, "file"),
		diag.Plural(diag.Count(ds, diag.Error), "error"), diag.Plural(diag.Count(ds, diag.Warning), "warning"), diag.Count(ds, diag.Info), acked)
}
