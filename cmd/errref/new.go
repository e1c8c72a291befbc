package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

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
		Long: `Write entries/<id>.json for CODE: the id derived from the code, the codes
it stands for (each member of a range such as accounts:60–62, which is
written with an en dash however it was typed), the
subsystem that entries with the same prefix use, the flags' values, and "` + entry.Placeholder + `" placeholders in every text to
fill in. "errref check" then lists each placeholder at its line and column
until it is replaced. The path of the new file goes to standard output.

It writes no position: a new entry is listed after the upstream's, by
category and code, so two new entries never collide. It refuses a code
that an entry already covers (also inside a range), naming that entry, and
never overwrites a file.

` + exitHelp,
		Example: `  errref new accounts:999 --severity error --category auth
  errref new "HTTP 418 — TEAPOT" --severity warn --category webapi --title "Server is a teapot"`,
		Args: codeArg,
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
	_ = cmd.RegisterFlagCompletionFunc("severity", fixedCompletion(entry.Strings(entry.Severities)...))
	_ = cmd.RegisterFlagCompletionFunc("category", listCompletion(entry.Strings(entry.Categories)...))
	_ = cmd.RegisterFlagCompletionFunc("platform", listCompletion(entry.Platforms...))
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
	opts.Code = entry.CanonicalCode(opts.Code) // accounts:60 - 62 is written accounts:60–62
	codes, err := entry.Members(opts.Code)
	if err != nil {
		return fmt.Errorf("code: %w", err)
	}
	id := entry.Slug(opts.Code)
	if id == "" {
		return fmt.Errorf("code %q: want letters or digits", opts.Code)
	}
	set, err := loader.Load(loader.Checkout(root))
	if err != nil {
		return err
	}
	for _, d := range set.Diags {
		if d.File == loader.Dir { // entries/ was not read (a link, too many files): nothing to check a new entry against
			return fmt.Errorf("%s", d)
		}
	}
	for _, f := range set.Files {
		e := f.Entry
		if e == nil {
			continue // check reports it; it cannot cover a code
		}
		if i := slices.IndexFunc(codes, e.Covers); i >= 0 {
			return fmt.Errorf("code %q: %s already covers %s (code %q); edit that entry instead", opts.Code, displayPath(opts.Dir, f.Path), codes[i], e.Code)
		}
		if e.ID == id {
			return fmt.Errorf("code %q: id %q is taken by %s; want a code whose id is free", opts.Code, id, displayPath(opts.Dir, f.Path))
		}
	}
	e := skeleton(opts, codes, entry.SubsystemOf(set.Entries(), opts.Code))
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
	fmt.Fprintf(opts.IO.ErrOut, "Fill in every %q text; errref check lists them.\n", entry.Placeholder)
	return nil
}

// validateNew checks the flags against the model's vocabularies, so that a
// typo is reported as the flag it came from.
func validateNew(opts *NewOptions) error {
	oneOf := func(flag string, got []string, want []string) error {
		for _, g := range got {
			if !slices.Contains(want, g) {
				return badValue(flag, g, want)
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

// codeArg wants one CODE, and tells who typed a code with spaces
// unquoted (errref new HTTP 401 …, errref show HTTP 401) to quote it.
func codeArg(cmd *cobra.Command, args []string) error {
	if len(args) > 1 {
		code := strings.Join(args, " ")
		return fmt.Errorf("CODE: found %d arguments %s; want one: quote a code with spaces, as in %s %s", len(args), strconv.Quote(code), cmd.CommandPath(), shellQuote(code))
	}
	return cobra.ExactArgs(1)(cmd, args)
}

// shellQuote quotes s for a POSIX shell, and for PowerShell and cmd when s
// holds no quote.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, `"$`+"`\\") {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// skeleton is a schema-valid entry whose texts are placeholders.
func skeleton(opts *NewOptions, codes []string, subsystem string) *entry.Entry {
	todo := entry.Todo
	title := opts.Title
	if title == "" {
		title = todo("a short summary in sentence case")
	}
	cats := make([]entry.Category, len(opts.Categories))
	for i, c := range opts.Categories {
		cats[i] = entry.Category(c)
	}
	cs := make([]entry.Code, len(codes))
	for i, c := range codes {
		cs[i] = entry.Code{Code: c}
	}
	end := entry.Node{Label: todo("the breaking point"), State: entry.Critical}
	if entry.Severity(opts.Severity) == entry.Info {
		// Information breaks nothing: the chain ends where it stops (rules
		// cause-chain and info-critical).
		end = entry.Node{Label: todo("where it stops"), State: entry.Neutral}
	}
	return &entry.Entry{
		ID:         entry.Slug(opts.Code),
		Code:       opts.Code,
		Codes:      cs,
		Title:      title,
		Severity:   entry.Severity(opts.Severity),
		Categories: cats,
		Subsystem:  subsystem,
		Platforms:  opts.Platforms,
		Message:    entry.Message{Variants: []entry.Variant{{Text: todo("the exact text the client displays")}}},
		Chain:      []entry.Node{{Label: todo("the trigger"), State: entry.Neutral}, end},
		Causes:     []string{todo("a condition that triggers the error")},
		Resolution: []string{todo("the first thing to try; paths and commands in backticks")},
	}
}
