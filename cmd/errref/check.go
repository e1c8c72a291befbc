package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/internal/iostreams"
)

// CheckOptions are the inputs of errref check.
type CheckOptions struct {
	IO  *iostreams.IOStreams
	Dir string // the checkout; "" is the current directory
}

func newCmdCheck(deps *Deps, dir func() string, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate and lint every entry",
		Long: `Load every file in entries/ strictly, validate it against the schema and run
the lint rules. Diagnostics go to standard output in the gcc form
"file:line:col: level: /pointer: message [rule]"; a summary goes to
standard error.

` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = dir()
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	return cmd
}

func runCheck(opts *CheckOptions) error {
	set, ds, err := lint(opts.Dir)
	if err != nil {
		return err
	}
	for _, d := range ds {
		d.File = displayPath(opts.Dir, d.File)
		fmt.Fprintln(opts.IO.Out, d)
	}
	summary(opts.IO.ErrOut, len(set.Files), ds)
	if diag.Count(ds, diag.Error) > 0 {
		return errFindings
	}
	return nil
}
