package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/diag"
	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/loader"
)

// CheckOptions are the inputs of errref check.
type CheckOptions struct {
	IO      *iostreams.IOStreams
	Dir     string   // the checkout; "" is the current directory
	Paths   []string // files or folders to report on, relative to Dir; none means all
	Format  string   // one of diag.Formats
	Fix     bool     // apply the fixes rules offer
	Only    []string // rule names; none means all
	Verbose bool     // also print information
}

func newCmdCheck(deps *Deps, dir, start func() string, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "check [FILE|DIR]...",
		Short: "Validate and lint the entries",
		Long: `Load every file in entries/ strictly, validate it against the schema and run
the lint rules ("errref rules" lists them; docs/rules.md explains them).
Errors and warnings go to standard output, sorted by file, line, column and
rule; with -v, information too, and the findings entries acknowledge (their
"acknowledged" list), each with its reason. A summary goes to standard
error; only errors make the exit code 1.

With FILE or DIR arguments, only findings in those files are reported;
rules that compare entries still see every entry.

Formats (--format):
  text    file:line:col: level: /pointer: message [rule]
  json    JSON Lines: one object per diagnostic (file, line, column,
          pointer, rule, level, message, fix)
  github  GitHub Actions workflow commands (annotations on a pull request)
  sarif   a SARIF 2.1.0 log for code scanning

--fix applies the fixes that rules offer (each sets or removes one value),
rewrites the changed files in canonical form, reports what it fixed on
standard error, and checks again. A file with syntax or schema errors is
never rewritten.

` + exitHelp,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = dir()
			if !slices.Contains(diag.Formats, opts.Format) {
				return badValue("format", opts.Format, diag.Formats)
			}
			for _, name := range opts.Only {
				if checks.ByName(name) == nil {
					return badValue("only", name, ruleNames())
				}
			}
			paths, err := checkoutPaths(opts.Dir, start(), args)
			if err != nil {
				return err
			}
			opts.Paths = paths
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: "+strings.Join(diag.Formats, ", "))
	cmd.Flags().BoolVar(&opts.Fix, "fix", false, "apply the safe fixes rules offer, then check again")
	cmd.Flags().StringSliceVar(&opts.Only, "only", nil, "run only these `rules` (comma-separated)")
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "also print information")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion(diag.Formats...))
	_ = cmd.RegisterFlagCompletionFunc("only", listCompletion(ruleNames()...))
	return cmd
}

func ruleNames() []string {
	names := make([]string, len(checks.All))
	for i, r := range checks.All {
		names[i] = r.Name
	}
	return names
}

// checkoutPaths turns arguments (relative to start, where errref was
// started) into slash-separated paths relative to the checkout at dir,
// each of which must exist.
func checkoutPaths(dir, start string, args []string) ([]string, error) {
	if len(args) == 0 {
		return nil, nil
	}
	root, err := filepath.Abs(rootDir(dir))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range args {
		p := a
		if !filepath.IsAbs(p) {
			p = filepath.Join(start, p)
		}
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, fmt.Errorf("%s: no such file or folder", a)
		}
		rel, err := filepath.Rel(root, abs)
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return nil, fmt.Errorf("%s: outside the checkout %s", a, root)
		}
		out = append(out, filepath.ToSlash(rel))
	}
	return out, nil
}

func runCheck(opts *CheckOptions) error {
	root := rootDir(opts.Dir)
	copts := checks.Options{Paths: opts.Paths}
	if !opts.Verbose {
		copts.Place = actionable // the rest is counted, not shown
	}
	if opts.Only != nil {
		for _, name := range opts.Only {
			copts.Rules = append(copts.Rules, checks.ByName(name))
		}
	}
	var res *checks.Result
	var err error
	if opts.Fix {
		// As fmt: what a killed rewrite left goes, even with nothing to fix.
		if err := withEntriesLock(root, func(string) error { return nil }); err != nil {
			return err
		}
		var rep *checks.FixReport
		res, rep, err = checks.Fix(loader.Checkout(root), copts, func(p string, old, data []byte) error {
			return rewriteEntry(root, p, old, data)
		})
		if err != nil {
			return err
		}
		for _, e := range rep.Failed {
			fmt.Fprintf(opts.IO.ErrOut, "errref: not fixed: %v\n", e)
		}
		for _, fx := range rep.Fixed {
			fmt.Fprintf(opts.IO.ErrOut, "fixed %s: %s: %s\n", displayPath(opts.Dir, fx.File), fx.Fix.Pointer, fx.Fix.Message)
		}
	} else if res, err = checks.Check(loader.Checkout(root), copts); err != nil {
		return err
	}
	for _, p := range opts.Paths {
		if !slices.ContainsFunc(res.Set.Files, func(f *loader.File) bool { return checks.Named([]string{p}, f.Path) }) {
			return fmt.Errorf("%s: found no entry file there; want files or folders in %s/", p, loader.Dir)
		}
	}
	files := map[string]*loader.File{} // by the path shown
	for _, f := range res.Set.Files {
		files[displayPath(opts.Dir, f.Path)] = f
	}
	all := res.Diags
	if opts.Verbose {
		all = append(slices.Clip(all), res.Acknowledged...)
		diag.Sort(all)
	}
	var shown []diag.Diagnostic
	for _, d := range all {
		if !opts.Verbose && !actionable(d) {
			continue
		}
		d.Related = slices.Clone(d.Related) // Locate writes to it
		shown = append(shown, d)
	}
	checks.Locate(res.Set, shown)
	for i := range shown {
		d := &shown[i]
		d.File = displayPath(opts.Dir, d.File)
		for i := range d.Related {
			d.Related[i].File = displayPath(opts.Dir, d.Related[i].File)
		}
	}
	meta := checks.Meta()
	meta.Source = func(file string) []byte {
		if f := files[file]; f != nil {
			data, _ := f.Bytes() // a file that cannot be read again gets byte columns
			return data
		}
		return nil
	}
	if err := diag.Write(opts.IO.Out, opts.Format, shown, meta); err != nil {
		return err
	}
	summary(opts.IO.ErrOut, res.Files, res.Diags, len(res.Acknowledged))
	if diag.Count(res.Diags, diag.Error) > 0 {
		return errFindings
	}
	return nil
}
