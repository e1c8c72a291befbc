package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/release"
)

// DiffOptions are the inputs of errref diff.
type DiffOptions struct {
	IO       *iostreams.IOStreams
	Old, New string // bundles or checkouts
	Format   string // markdown or json
	// CheckBump: OLD and NEW are named by release versions, which must
	// make a release at least as high as the changes call for.
	CheckBump bool
}

func newCmdDiff(deps *Deps, dir func() string, runF func(*DiffOptions) error) *cobra.Command {
	opts := &DiffOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use: "diff OLD NEW",
		// Two folders named on the command line; no checkout needed.
		Annotations: map[string]string{noCheckout: ""},
		Short:       "Say what changed between two states of the data, and what release it makes",
		Long: `Compare two states of the data: each a bundle (a folder with errors.json, such
as an extracted release archive) or a checkout (a folder with entries/).
Print the entries added, removed and changed field by field, and the
release level the change calls for by docs/versioning.md: major (an id or
code removed or renamed, a major schema change), minor (an entry or code
added), patch (any other correction), or none.

--format markdown (the default) writes release notes; --format json the
same report for tools.

--check-bump, for the release workflow, also checks the versions that name
the two sides (a bundle's data version; a checkout's folder name), each
vMAJOR.MINOR.PATCH: NEW must come after OLD, by at least the level of the
change, so that a minor or patch release never removes an id or a code;
and a schema file may not change unless the schema's version does.

Exit codes:
  0  compared (whatever changed)
  1  --check-bump: the versions make a lower release than the change calls
     for, or are not versions, or a schema file changed under the same
     schema version (the report is still printed)
  2  usage or I/O error: a side cannot be read`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Old, opts.New = inDir(dir(), args[0]), inDir(dir(), args[1])
			if opts.Format != "markdown" && opts.Format != "json" {
				return fmt.Errorf("--format %q: want markdown or json", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return runDiff(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "markdown", "output `format`: markdown or json")
	cmd.Flags().BoolVar(&opts.CheckBump, "check-bump", false, "fail unless NEW's version is at least the release the change calls for after OLD's")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletion("markdown", "json"))
	return cmd
}

func runDiff(opts *DiffOptions) error {
	old, err := release.Load(opts.Old)
	if err != nil {
		return err
	}
	new, err := release.Load(opts.New)
	if err != nil {
		return err
	}
	r := release.Diff(old, new)
	if opts.Format == "json" {
		data, err := r.JSON()
		if err != nil {
			return err
		}
		if _, err := opts.IO.Out.Write(data); err != nil {
			return err
		}
	} else if _, err := fmt.Fprint(opts.IO.Out, r.Markdown()); err != nil {
		return err
	}
	if opts.CheckBump {
		if err := r.CheckBump(); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "errref: diff --check-bump: %v\n", err)
			return errFindings
		}
	}
	return nil
}
