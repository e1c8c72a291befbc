package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/iostreams"
)

// SearchOptions are the inputs of errref search.
type SearchOptions struct {
	IO    *iostreams.IOStreams
	Dir   string // the checkout; "" is the current directory
	Words []string
	JSON  bool
}

func newCmdSearch(deps *Deps, dir func() string, runF func(*SearchOptions) error) *cobra.Command {
	opts := &SearchOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "search WORDS...",
		Short: "Find entries by the words of their texts",
		Long: `List the entries in which every word starts a word of some text: code,
title, message, cause chain, causes, resolution or note, ignoring case.
"proxy 407" finds accounts:53–55. Printed as list prints.

Exit 1 when nothing matches.

` + exitHelp,
		Example: `  errref search firewall
  errref search login timed out`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = dir()
			for _, a := range args {
				opts.Words = append(opts.Words, entry.Words(a)...)
			}
			if len(opts.Words) == 0 {
				return fmt.Errorf("found no word in %q; want letters or digits", strings.Join(args, " "))
			}
			if runF != nil {
				return runF(opts)
			}
			return runSearch(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the entries as a JSON array")
	return cmd
}

func runSearch(opts *SearchOptions) error {
	es, err := loadEntries(opts.IO, opts.Dir)
	if err != nil {
		return err
	}
	es = slices.DeleteFunc(es, func(e *entry.Entry) bool { return !e.Matches(opts.Words) })
	if len(es) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "errref: no entry mentions %s\n", strings.Join(opts.Words, " "))
		return errFindings
	}
	return writeEntries(opts.IO, es, opts.JSON)
}
