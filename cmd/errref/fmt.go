package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/loader"
)

// FmtOptions are the inputs of errref fmt.
type FmtOptions struct {
	IO    *iostreams.IOStreams
	Dir   string // the checkout; "" is the current directory
	Check bool   // list files that differ instead of rewriting them
}

func newCmdFmt(deps *Deps, dir func() string, runF func(*FmtOptions) error) *cobra.Command {
	opts := &FmtOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "fmt",
		Short: "Rewrite entry files in canonical form",
		Long: `Rewrite every file in entries/ in the canonical form: keys in the schema's
order, two-space indent, one trailing newline, no HTML escaping. The names
of the files it rewrote go to standard output. Formatting a formatted file
changes no byte.

With --check, rewrite nothing: list the files that are not in canonical
form and exit 1 if there is any.

A file with syntax or schema errors is never rewritten (that could lose
what it holds): its diagnostics go to standard error and fmt exits 1.

` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = dir()
			if runF != nil {
				return runF(opts)
			}
			return runFmt(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Check, "check", false, "list files not in canonical form and exit 1 if any; rewrite nothing")
	return cmd
}

func runFmt(opts *FmtOptions) error {
	root := opts.Dir
	if root == "" {
		root = "."
	}
	set, err := loader.Load(os.DirFS(root))
	if err != nil {
		return err
	}
	for _, d := range set.Diags {
		d.File = displayPath(opts.Dir, d.File)
		fmt.Fprintln(opts.IO.ErrOut, d)
	}
	differ := 0
	for _, f := range set.Files {
		if f.Entry == nil {
			continue // reported above; never rewritten
		}
		out, err := entry.Format(f.Entry)
		if err != nil {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		if bytes.Equal(out, f.Data) {
			continue
		}
		differ++
		fmt.Fprintln(opts.IO.Out, displayPath(opts.Dir, f.Path))
		if !opts.Check {
			if err := writeFile(filepath.Join(root, filepath.FromSlash(f.Path)), out); err != nil {
				return err
			}
		}
	}
	if n := diag.Count(set.Diags, diag.Error); n > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "fmt: %s not formatted: fix the %s first\n", diag.Plural(len(set.Files)-len(set.Entries()), "file"), diag.Plural(n, "error"))
		return errFindings
	}
	if opts.Check && differ > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "fmt: %d of %s not in canonical form; run errref fmt\n", differ, diag.Plural(len(set.Files), "file"))
		return errFindings
	}
	return nil
}
