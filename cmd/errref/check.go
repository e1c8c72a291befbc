package main

import (
	"fmt"
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
	IO     *iostreams.IOStreams
	Dir    string // the checkout; "" is the current directory
	Format string // one of diag.Formats
	Fix    bool   // apply the fixes rules offer
}

// maxFixRounds bounds --fix: a fix may enable another, but never forever.
const maxFixRounds = 5

func newCmdCheck(deps *Deps, dir func() string, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate and lint every entry",
		Long: `Load every file in entries/ strictly, validate it against the schema and run
the lint rules ("errref rules" lists them; docs/rules.md explains them).
Diagnostics go to standard output, sorted by file, line, column and rule;
a summary goes to standard error.

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
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = dir()
			if !slices.Contains(diag.Formats, opts.Format) {
				return fmt.Errorf("--format %q: want one of %s", opts.Format, strings.Join(diag.Formats, ", "))
			}
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: "+strings.Join(diag.Formats, ", "))
	cmd.Flags().BoolVar(&opts.Fix, "fix", false, "apply the safe fixes rules offer, then check again")
	return cmd
}

func runCheck(opts *CheckOptions) error {
	set, ds, err := lint(opts.Dir)
	if err != nil {
		return err
	}
	if opts.Fix {
		if set, ds, err = fixAll(opts, set, ds); err != nil {
			return err
		}
	}
	sources := map[string][]byte{}
	for _, f := range set.Files {
		sources[displayPath(opts.Dir, f.Path)] = f.Data
	}
	for i := range ds {
		ds[i].File = displayPath(opts.Dir, ds[i].File)
	}
	meta := ruleMeta()
	meta.Source = func(file string) []byte { return sources[file] }
	if err := diag.Write(opts.IO.Out, opts.Format, ds, meta); err != nil {
		return err
	}
	summary(opts.IO.ErrOut, len(set.Files), ds)
	if diag.Count(ds, diag.Error) > 0 {
		return errFindings
	}
	return nil
}

// fixAll applies fixes round by round until none is left (or maxFixRounds),
// and returns the state after the last round.
func fixAll(opts *CheckOptions, set *loader.Set, ds []diag.Diagnostic) (*loader.Set, []diag.Diagnostic, error) {
	root := opts.Dir
	if root == "" {
		root = "."
	}
	failed := map[string]bool{} // files a fix could not be applied to
	for range maxFixRounds {
		byFile := map[string][]diag.Fix{}
		for _, d := range ds {
			if d.Fix != nil && !failed[d.File] {
				byFile[d.File] = append(byFile[d.File], *d.Fix)
			}
		}
		if len(byFile) == 0 {
			break
		}
		for _, f := range set.Files { // sorted by path
			fixes := byFile[f.Path]
			if len(fixes) == 0 {
				continue
			}
			out, applied, err := checks.ApplyFixes(f, fixes)
			if err != nil {
				failed[f.Path] = true
				fmt.Fprintf(opts.IO.ErrOut, "errref: not fixed: %v\n", err)
				continue
			}
			if err := rewriteEntry(root, f, out); err != nil {
				return nil, nil, err
			}
			for _, fx := range applied {
				fmt.Fprintf(opts.IO.ErrOut, "fixed %s: %s: %s\n", displayPath(opts.Dir, f.Path), fx.Pointer, fx.Message)
			}
		}
		var err error
		if set, ds, err = lint(opts.Dir); err != nil {
			return nil, nil, err
		}
	}
	return set, ds, nil
}

// ruleMeta describes the loader's rules and every lint rule for SARIF.
func ruleMeta() diag.Meta {
	const docs = "https://github.com/errref/errref/blob/main/docs/rules.md"
	m := diag.Meta{Tool: "errref", InformationURI: "https://github.com/errref/errref"}
	m.Rules = append(m.Rules,
		diag.RuleMeta{Name: loader.RuleSyntax, Title: "Entry files are well-formed JSON", Doc: "Not well-formed JSON, duplicate keys, invalid UTF-8 or trailing data.", Level: diag.Error, URL: docs},
		diag.RuleMeta{Name: loader.RuleSchema, Title: "Entry files are valid against the schema", Doc: "Valid JSON that schema/entry.schema.json rejects.", Level: diag.Error, URL: docs},
	)
	for _, r := range checks.All {
		_, body, _ := strings.Cut(r.Doc, "\n")
		m.Rules = append(m.Rules, diag.RuleMeta{Name: r.Name, Title: r.Title(), Doc: strings.TrimSpace(body), Level: r.Level, URL: docs + "#" + r.Name})
	}
	return m
}
