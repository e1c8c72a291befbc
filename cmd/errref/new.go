package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/loader"
)

// NewOptions are the inputs of errref new.
type NewOptions struct {
	IO         *iostreams.IOStreams
	Dir        string // the checkout; "" is the current directory
	Code       string
	Title      string
	Severity   string
	Categories []string
	Platforms  []string
}

func newCmdNew(deps *Deps, dir func() string, runF func(*NewOptions) error) *cobra.Command {
	opts := &NewOptions{IO: deps.IO}
	cmd := &cobra.Command{
		Use:   "new CODE",
		Short: "Start a new entry for CODE",
		Long: `Write entries/<id>.json for CODE: the id derived from the code, the next free
position, the flags' values, and "` + checks.Placeholder + `" placeholders in every text to
fill in. "errref check" then lists each placeholder at its line and column
until it is replaced. The path of the new file goes to standard output.

It refuses a code that an entry already covers, and never overwrites a file.

` + exitHelp,
		Example: `  errref new accounts:999 --severity error --category auth
  errref new "HTTP 418 — TEAPOT" --severity warn --category webapi --title "Server is a teapot"`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir, opts.Code = dir(), strings.TrimSpace(args[0])
			if runF != nil {
				return runF(opts)
			}
			return runNew(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Title, "title", "", "short summary in sentence case (default: a placeholder)")
	cmd.Flags().StringVar(&opts.Severity, "severity", "", "fatal, error, warn or info (required)")
	cmd.Flags().StringSliceVar(&opts.Categories, "category", nil, "auth, network, drm, installer or webapi; repeat or comma-separate (required)")
	cmd.Flags().StringSliceVar(&opts.Platforms, "platform", []string{"windows"}, "windows and/or macos")
	_ = cmd.MarkFlagRequired("severity")
	_ = cmd.MarkFlagRequired("category")
	return cmd
}

func runNew(opts *NewOptions) error {
	root := opts.Dir
	if root == "" {
		root = "."
	}
	if err := validateNew(opts); err != nil {
		return err
	}
	id := entry.Slug(opts.Code)
	if id == "" {
		return fmt.Errorf("code %q: want letters or digits", opts.Code)
	}
	set, err := loader.Load(os.DirFS(root))
	if err != nil {
		return err
	}
	position := 1
	for _, e := range set.Entries() {
		if e.ID == id || slices.ContainsFunc(e.Codes, func(c entry.Code) bool { return c.Code == opts.Code }) {
			return fmt.Errorf("code %q: already documented in %s.json", opts.Code, e.ID)
		}
		position = max(position, e.Position+1)
	}
	e := skeleton(opts, id, position)
	data, err := entry.Format(e)
	if err != nil {
		return err
	}
	// Validate what we write with the same loader that will read it.
	p := filepath.ToSlash(filepath.Join(loader.Dir, id+".json"))
	if _, ds := loader.Parse(p, data); len(ds) > 0 {
		return fmt.Errorf("%s", ds[0])
	}
	f, err := os.OpenFile(filepath.Join(root, filepath.FromSlash(p)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists; edit it instead", p)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, displayPath(opts.Dir, p))
	fmt.Fprintf(opts.IO.ErrOut, "Fill in every %q text; errref check lists them.\n", checks.Placeholder)
	return nil
}

// validateNew checks the flags against the model's vocabularies, so that a
// typo is reported as the flag it came from.
func validateNew(opts *NewOptions) error {
	oneOf := func(flag string, got []string, want []string) error {
		for _, g := range got {
			if !slices.Contains(want, g) {
				return fmt.Errorf("--%s %q: want one of %s", flag, g, strings.Join(want, ", "))
			}
		}
		return nil
	}
	return errors.Join(
		oneOf("severity", []string{opts.Severity}, entry.Strings(entry.Severities)),
		oneOf("category", opts.Categories, entry.Strings(entry.Categories)),
		oneOf("platform", opts.Platforms, entry.Platforms),
	)
}

// skeleton is a schema-valid entry whose texts are placeholders.
func skeleton(opts *NewOptions, id string, position int) *entry.Entry {
	todo := func(what string) string { return checks.Placeholder + ": " + what }
	title := opts.Title
	if title == "" {
		title = todo("a short summary in sentence case")
	}
	cats := make([]entry.Category, len(opts.Categories))
	for i, c := range opts.Categories {
		cats[i] = entry.Category(c)
	}
	subsystem := ""
	if prefix, _, ok := strings.Cut(opts.Code, ":"); ok && prefix == strings.ToLower(prefix) && !strings.ContainsAny(prefix, " -") {
		subsystem = prefix
	}
	return &entry.Entry{
		ID:         id,
		Code:       opts.Code,
		Codes:      []entry.Code{{Code: opts.Code}},
		Title:      title,
		Severity:   entry.Severity(opts.Severity),
		Categories: cats,
		Subsystem:  subsystem,
		Platforms:  opts.Platforms,
		Position:   position,
		Message:    entry.Message{Variants: []entry.Variant{{Text: todo("the exact text the client displays")}}},
		Chain: []entry.Node{
			{Label: todo("the trigger"), State: entry.Neutral},
			{Label: todo("the breaking point"), State: entry.Critical},
		},
		Causes:     []string{todo("a condition that triggers the error")},
		Resolution: []string{todo("the first thing to try; paths and commands in backticks")},
	}
}
