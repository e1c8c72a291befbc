package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

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

// noCheckout marks commands that run without a checkout.
const noCheckout = "no-checkout"

func newCmdRoot(deps *Deps) *cobra.Command {
	var chdir string
	var co checkout
	root := &cobra.Command{
		Use:   "errref",
		Short: "Validate, lint and export the Spotify desktop error reference",
		Long: `errref validates the entries in entries/ against the schema, runs the lint
rules and writes the release bundle.

` + exitHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if chdir != "" {
				if fi, err := os.Stat(chdir); err != nil || !fi.IsDir() {
					return fmt.Errorf("-C %s: not a directory", chdir)
				}
			}
			if !needsCheckout(cmd) {
				co = checkout{Dir: chdir, Start: chdir}
				return nil
			}
			var err error
			co, err = findCheckout(chdir)
			return err
		},
	}
	root.SetVersionTemplate("errref {{.Version}}\n")
	root.PersistentFlags().StringVarP(&chdir, "dir", "C", "", "run as if errref was started in `DIR`")
	root.SetOut(deps.IO.Out)
	root.SetErr(deps.IO.ErrOut)
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return fmt.Errorf("%w\nRun '%s --help' for usage.", err, cmd.CommandPath())
	})
	dir := func() string { return co.Dir }
	root.AddCommand(
		newCmdCheck(deps, dir, func() string { return co.Start }, nil),
		newCmdBuild(deps, dir, nil),
		newCmdFmt(deps, dir, nil),
		newCmdRules(deps, nil),
		newCmdNew(deps, dir, nil),
		newCmdList(deps, dir, nil),
		newCmdShow(deps, dir, nil),
		newCmdSearch(deps, dir, nil),
		newCmdDiff(deps, dir, nil),
		newCmdPack(deps, dir, nil),
		newCmdVerify(deps, dir, nil),
	)
	return root
}

// needsCheckout reports whether cmd reads the checkout: not rules, help,
// or shell completion (its scripts and its __complete requests).
func needsCheckout(cmd *cobra.Command) bool {
	for c := cmd; c != nil; c = c.Parent() {
		if _, ok := c.Annotations[noCheckout]; ok || c.Name() == "help" || c.Name() == "completion" || strings.HasPrefix(c.Name(), "__complete") {
			return false
		}
	}
	return true
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

// version is the module version errref was built from ("go install
// …@v1.2.0" records it), or "(devel)" for a build from a checkout, with
// the VCS revision when the build recorded one.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = ", modified"
			}
		}
	}
	if rev != "" && v == "(devel)" {
		v += " (" + rev[:min(12, len(rev))] + modified + ")"
	}
	return v
}
