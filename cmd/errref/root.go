package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/errref/errref/internal/iostreams"
)

// Deps are what commands get from outside: streams and the environment.
type Deps struct {
	IO     *iostreams.IOStreams
	Getenv func(string) string
}

// Exit codes, mapped from errors in one place (exitCode).
const (
	exitOK       = 0 // clean; warnings allowed
	exitFindings = 1 // errors were reported
	exitUsage    = 2 // usage or I/O error
)

// errFindings says diagnostics at error level were printed already.
var errFindings = errors.New("errors reported")

const exitHelp = `Exit codes:
  0  clean (warnings and information allowed)
  1  findings at error level were reported
  2  usage or I/O error`

func newCmdRoot(deps *Deps) *cobra.Command {
	var chdir string
	root := &cobra.Command{
		Use:   "errref",
		Short: "Validate, lint and export the Spotify desktop error reference",
		Long: `errref validates the entries in entries/ against the schema, runs the lint
rules and writes the release bundle.

` + exitHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if chdir == "" {
				return nil
			}
			if fi, err := os.Stat(chdir); err != nil || !fi.IsDir() {
				return fmt.Errorf("-C %s: not a directory", chdir)
			}
			return nil
		},
	}
	root.PersistentFlags().StringVarP(&chdir, "dir", "C", "", "run as if errref was started in `DIR`")
	root.SetOut(deps.IO.Out)
	root.SetErr(deps.IO.ErrOut)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return fmt.Errorf("%w\nRun '%s --help' for usage.", err, cmd.CommandPath())
	})
	dir := func() string { return chdir }
	root.AddCommand(
		newCmdCheck(deps, dir, nil),
		newCmdBuild(deps, dir, nil),
		newCmdFmt(deps, dir, nil),
		newCmdRules(deps, nil),
		newCmdNew(deps, dir, nil),
		newCmdDiff(deps, dir, nil),
		newCmdPack(deps, dir, nil),
		newCmdVerify(deps, dir, nil),
	)
	return root
}

// run executes the command line and maps the outcome to an exit code.
func run(args []string, deps *Deps) int {
	root := newCmdRoot(deps)
	root.SetArgs(args)
	err := root.Execute()
	return exitCode(err, deps)
}

func exitCode(err error, deps *Deps) int {
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	default:
		fmt.Fprintf(deps.IO.ErrOut, "errref: %v\n", err)
		return exitUsage
	}
}

// displayPath turns a checkout-relative path into one that resolves from
// where errref was started, so editors and problem matchers find it.
func displayPath(chdir, p string) string {
	if chdir == "" {
		return p
	}
	return filepath.ToSlash(filepath.Join(chdir, p))
}
