package main

import (
	"fmt"
	"io"
	"os"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/diag"
	"github.com/errref/errref/loader"
)

// lint checks the whole checkout at root with every rule: what build does
// first. The error is for I/O only.
func lint(root string) (*loader.Set, []diag.Diagnostic, error) {
	res, err := checks.Check(os.DirFS(rootDir(root)), checks.Options{})
	if err != nil {
		return nil, nil, err
	}
	return res.Set, res.Diags, nil
}

// rootDir is the checkout folder: "" means the current one.
func rootDir(root string) string {
	if root == "" {
		return "."
	}
	return root
}

// plural writes n and the noun, pluralised: "1 file", "2 files", "0 info".
func plural(n int, noun string) string {
	if n == 1 || noun == "info" {
		return fmt.Sprintf("%d %s", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// summary writes "N files: E errors, W warnings, I info" to w.
func summary(w io.Writer, files int, ds []diag.Diagnostic) {
	fmt.Fprintf(w, "%s: %s, %s, %s\n", plural(files, "file"),
		plural(diag.Count(ds, diag.Error), "error"), plural(diag.Count(ds, diag.Warning), "warning"), plural(diag.Count(ds, diag.Info), "info"))
}
