package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/release"
)

// VerifyOptions are the inputs of errref verify.
type VerifyOptions struct {
	IO  *iostreams.IOStreams
	Dir string // a bundle or a folder of release assets
}

func newCmdVerify(deps *Deps, dir func() string, runF func(*VerifyOptions) error) *cobra.Command {
	opts := &VerifyOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use: "verify DIR",
		// Two folders named on the command line; no checkout needed.
		Annotations: map[string]string{noCheckout: ""},
		Short:       "Check a downloaded bundle: checksums, schema, counts",
		Long: `Check the bundle or the folder of release assets in DIR, as downloaded:

- every file listed in SHA256SUMS is there with that checksum, and every
  file is listed;
- errors.json validates against errors.schema.json and entry.schema.json
  beside it;
- its count, the rows of errors.csv and codes.csv and the entries of
  errors.sqlite agree;
- each release archive (errref-data-*.tar.gz, .zip) holds a bundle that
  passes the same checks.

Each problem is printed on stderr as "DIR/FILE: what is wrong".

` + exitHelp,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = inDir(dir(), args[0])
			if runF != nil {
				return runF(opts)
			}
			return runVerify(opts)
		},
	}
	return cmd
}

func runVerify(opts *VerifyOptions) error {
	r, err := release.Verify(opts.Dir)
	if err != nil {
		return err
	}
	for _, p := range r.Problems {
		fmt.Fprintf(opts.IO.ErrOut, "%s/%s: %s\n", opts.Dir, p.File, p.Msg)
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(opts.IO.ErrOut, "verify: %s: %s\n", opts.Dir, diag.Plural(len(r.Problems), "problem"))
		return errFindings
	}
	fmt.Fprintf(opts.IO.ErrOut, "verify: %s: %d files match %s; errors.json (%d entries) matches its schema and the other formats\n", opts.Dir, r.Files, release.SumsFile, r.Entries)
	return nil
}
