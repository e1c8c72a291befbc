package main

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/release"
)

// PackOptions are the inputs of errref pack.
type PackOptions struct {
	IO     *iostreams.IOStreams
	Bundle string // the bundle folder
	Out    string // the release assets folder
}

func newCmdPack(deps *Deps, dir func() string, runF func(*PackOptions) error) *cobra.Command {
	opts := &PackOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "pack [BUNDLE]",
		Short: "Write the release assets of a bundle: archives and SHA256SUMS",
		Long: `Write the release assets of the bundle in BUNDLE (default dist) to a new or
empty folder (default assets): errref-data-<data version>.tar.gz and .zip,
each holding the whole bundle under errref-data-<data version>/; a copy of
each top-level file of the bundle, for direct download; and SHA256SUMS,
listing every one of them, so that in a folder of the downloaded assets

  sha256sum -c SHA256SUMS

checks them all. The same bundle gives byte-identical archives: members
sorted by name, modes 0644 and 0755, owner 0, time 1980-01-01, no gzip
timestamp.

` + exitHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Bundle = "dist"
			if len(args) == 1 {
				opts.Bundle = args[0]
			}
			opts.Bundle, opts.Out = inDir(dir(), opts.Bundle), inDir(dir(), opts.Out)
			if runF != nil {
				return runF(opts)
			}
			return runPack(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "assets", "write the assets to `DIR`, which must be new or empty")
	return cmd
}

func runPack(opts *PackOptions) error {
	a, err := release.Pack(opts.Bundle, opts.Out)
	if err != nil {
		return err
	}
	for _, n := range a.Names {
		fmt.Fprintln(opts.IO.Out, filepath.ToSlash(filepath.Join(opts.Out, n)))
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s: %d assets and %s, data version %s\n", opts.Out, len(a.Names), release.SumsFile, a.Version)
	return nil
}

// inDir resolves a path given on the command line against -C's folder.
func inDir(dir, p string) string {
	if dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}
