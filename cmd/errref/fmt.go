package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/spf13/cobra"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/atomicfile"
	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/internal/printable"
	"github.com/errref/errref/internal/workers"
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
	if !opts.Check {
		if err := withEntriesLock(root, func(string) error { return nil }); err != nil {
			return err
		}
	}
	set, err := loader.Load(loader.Checkout(root))
	if err != nil {
		return err
	}
	for _, d := range set.Diags {
		d.File = printable.Quote(displayPath(opts.Dir, d.File))
		fmt.Fprintln(opts.IO.ErrOut, d)
	}
	unformatted, err := formatAll(set.Files)
	if err != nil {
		return err
	}
	differ := 0
	for i, f := range set.Files {
		u := unformatted[i]
		if u == nil {
			continue
		}
		differ++
		if !opts.Check {
			if err := rewriteEntry(root, f.Path, u.data, u.out); err != nil {
				return err
			}
		}
		// Only once it is rewritten: the list is of the files fmt changed.
		fmt.Fprintln(opts.IO.Out, printable.Quote(displayPath(opts.Dir, f.Path)))
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

// unformatted is a file not in canonical form: its bytes and the form.
type unformatted struct{ data, out []byte }

// formatAll formats every entry and compares it with its file, on every
// core, reading each file again into a reused buffer: only the files
// that differ are kept (entry.Format's output is 2/3 of a check's time
// at 100,000 entries when one goroutine does it). It returns what
// differs by the files' index, and the error of the first file, in
// order, that could not be formatted or read.
func formatAll(files []*loader.File) ([]*unformatted, error) {
	res := make([]*unformatted, len(files))
	errs := make([]error, len(files))
	var bufs sync.Pool
	workers.Each(len(files), func(i int) {
		f := files[i]
		if f.Entry == nil {
			return // reported by Load; never rewritten
		}
		out, err := entry.Format(f.Entry)
		if err != nil {
			errs[i] = fmt.Errorf("%s: %w", f.Path, err)
			return
		}
		var buf []byte
		if p, ok := bufs.Get().(*[]byte); ok {
			buf = *p
		}
		data, err := f.Reread(buf)
		if err != nil {
			errs[i] = err
			return
		}
		if !bytes.Equal(out, data) {
			res[i] = &unformatted{data: bytes.Clone(data), out: out}
		}
		bufs.Put(&data)
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

// replaceFile is atomicfile.Replace; tests replace it to make a rewrite
// fail.
var replaceFile = atomicfile.Replace

// rewriteEntry replaces the entry file at p (slash-separated, relative to
// the checkout root), read as old, with data: through a temporary file in
// entries/ that the loader never reads, keeping the file's mode and owner,
// and only if the file still holds old (atomicfile.Replace). A symbolic
// link is refused (the loader reports links and never reads them).
func rewriteEntry(root, p string, old, data []byte) error {
	return withEntriesLock(root, func(dir string) error {
		err := replaceFile(filepath.Join(root, filepath.FromSlash(p)), old, data)
		if errors.Is(err, atomicfile.ErrChanged) {
			return fmt.Errorf("%s: %w; not rewritten: run again", printable.Quote(p), atomicfile.ErrChanged)
		}
		return err
	})
}

// withEntriesLock runs fn while holding the lock on entries/ that every
// rewrite of an entry file takes, after removing the temporary files a
// killed rewrite left (under the lock, none is live).
func withEntriesLock(root string, fn func(dir string) error) error {
	dir := filepath.Join(root, loader.Dir)
	unlock, err := atomicfile.Lock(dir)
	if err != nil {
		return err
	}
	defer unlock()
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&os.ModeSymlink == 0 { // a link is not ours to clean: the loader refuses it
		if err := atomicfile.Clean(dir); err != nil {
			return err
		}
	}
	return fn(dir)
}
