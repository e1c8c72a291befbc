package main

import (
	"github.com/spf13/cobra"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/internal/iostreams"
)

// RulesOptions are the inputs of errref rules.
type RulesOptions struct {
	IO       *iostreams.IOStreams
	Markdown bool // print docs/rules.md instead of the table
}

func newCmdRules(deps *Deps, runF func(*RulesOptions) error) *cobra.Command {
	opts := &RulesOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List the lint rules",
		Long: `List the lint rules that check runs: name, default level and title. A table
on a terminal; tab-separated values when the output is piped.

With --markdown, print their full documentation: the content of
docs/rules.md, which is generated from it. It also says how exporters show
a message missing in a locale (rule locale-gap).

` + exitHelp,
		Args:        cobra.NoArgs,
		Annotations: map[string]string{noCheckout: ""},
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runRules(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Markdown, "markdown", false, "print the rules' documentation as Markdown (docs/rules.md)")
	return cmd
}

func runRules(opts *RulesOptions) error {
	if opts.Markdown {
		_, err := opts.IO.Out.Write(checks.Markdown(checks.All))
		return err
	}
	rows := make([][]string, len(checks.All))
	for i, r := range checks.All {
		rows[i] = []string{r.Name, r.Level.String(), r.Title()}
	}
	return writeTable(opts.IO, []string{"Name", "Level", "Title"}, rows)
}
