package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/iostreams"
)

// ListOptions are the inputs of errref list.
type ListOptions struct {
	IO       *iostreams.IOStreams
	Dir      string // the checkout; "" is the current directory
	Category string
	Severity string
	Platform string
	JSON     bool
}

func newCmdList(deps *Deps, dir func() string, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the entries, optionally by category, severity or platform",
		Long: `List the documented errors in reference order: code, severity, categories,
platforms and title. A table on a terminal; tab-separated values when the
output is piped; a JSON array of the entries with --json.

` + exitHelp,
		Example: `  errref list --category drm --severity fatal
  errref list --platform macos --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = dir()
			for _, f := range []struct {
				flag, value string
				want        []string
			}{
				{"category", opts.Category, entry.Strings(entry.Categories)},
				{"severity", opts.Severity, entry.Strings(entry.Severities)},
				{"platform", opts.Platform, entry.Platforms},
			} {
				if f.value != "" && !slices.Contains(f.want, f.value) {
					return badValue(f.flag, f.value, f.want)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runList(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Category, "category", "", "only entries in `category`: "+strings.Join(entry.Strings(entry.Categories), ", "))
	cmd.Flags().StringVar(&opts.Severity, "severity", "", "only entries of `severity`: "+strings.Join(entry.Strings(entry.Severities), ", "))
	cmd.Flags().StringVar(&opts.Platform, "platform", "", "only entries on `platform`: "+strings.Join(entry.Platforms, ", "))
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the entries as a JSON array")
	_ = cmd.RegisterFlagCompletionFunc("category", fixedCompletion(entry.Strings(entry.Categories)...))
	_ = cmd.RegisterFlagCompletionFunc("severity", fixedCompletion(entry.Strings(entry.Severities)...))
	_ = cmd.RegisterFlagCompletionFunc("platform", fixedCompletion(entry.Platforms...))
	return cmd
}

func runList(opts *ListOptions) error {
	es, err := loadEntries(opts.IO, opts.Dir)
	if err != nil {
		return err
	}
	es = slices.DeleteFunc(es, func(e *entry.Entry) bool {
		return opts.Category != "" && !slices.Contains(e.Categories, entry.Category(opts.Category)) ||
			opts.Severity != "" && string(e.Severity) != opts.Severity ||
			opts.Platform != "" && !slices.Contains(e.Platforms, opts.Platform)
	})
	return writeEntries(opts.IO, es, opts.JSON)
}
