package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/iostreams"
)

// ShowOptions are the inputs of errref show.
type ShowOptions struct {
	IO   *iostreams.IOStreams
	Dir  string // the checkout; "" is the current directory
	Code string
	JSON bool
}

func newCmdShow(deps *Deps, dir func() string, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "show CODE",
		Short: "Show the entry that documents CODE",
		Long: `Print the entry that documents CODE, as the client printed it: any concrete
code finds its entry (accounts:54 finds accounts:53–55), ignoring case and
spaces around the colon; an id works too; "HTTP 403" alone finds every
HTTP 403 entry, and PREMIUM_REQUIRED alone its entry. Quote a code with spaces.

Exit 1 when no entry documents CODE.

` + exitHelp,
		Example: `  errref show accounts:54
  errref show "HTTP 401 — invalid_client" --json`,
		Args: codeArg,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir, opts.Code = dir(), args[0]
			if runF != nil {
				return runF(opts)
			}
			return runShow(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the entry as JSON")
	return cmd
}

func runShow(opts *ShowOptions) error {
	es, err := loadEntries(opts.IO, opts.Dir)
	if err != nil {
		return err
	}
	found := entry.Lookup(es, opts.Code)
	if len(found) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "errref: no entry documents %q; try errref search\n", opts.Code)
		return errFindings
	}
	if opts.JSON {
		return writeEntriesJSON(opts.IO.Out, found)
	}
	for i, e := range found {
		if i > 0 {
			fmt.Fprintln(opts.IO.Out)
		}
		fmt.Fprint(opts.IO.Out, exporters.EntryText(e))
	}
	return nil
}
