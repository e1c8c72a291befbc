package main

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/internal/printable"
	"github.com/errref/errref/loader"
	"github.com/errref/errref/project"
	"github.com/errref/errref/schema"
)

// BuildOptions are the inputs of errref build.
type BuildOptions struct {
	IO          *iostreams.IOStreams
	Dir         string   // the checkout; "" is the current directory
	Out         string   // the bundle folder, relative to Dir unless absolute
	Only        []string // exporter names; none means all
	BaseURL     string
	RepoURL     string
	DataVersion string
	// Epoch is the build time in seconds since 1970 (SOURCE_DATE_EPOCH);
	// negative means none, and the bundle then carries no timestamp.
	Epoch int64
}

// maxEpoch is 9999-12-31T23:59:59Z: every format the bundle writes
// holds a four-digit year.
const maxEpoch = 253402300799

// parseEpoch reads a build time given by the flag or the environment;
// both accept the same values.
func parseEpoch(v string) (int64, error) {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > maxEpoch || strconv.FormatInt(n, 10) != v {
		return 0, fmt.Errorf("%q: want an integer from 0 to %d (seconds since 1970, up to the year 9999)", v, int64(maxEpoch))
	}
	return n, nil
}

func newCmdBuild(deps *Deps, dir func() string, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: deps.IO, Epoch: -1}
	var epoch string
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Check, then write the release bundle to dist/",
		Long: `Run check; when it reports no error, write the bundle. Every file is first
written to a temporary folder beside the target, which replaces the target
in one step only when every exporter succeeded: a failed or killed build
leaves the previous bundle exactly as it was, and readers of the target
always see one whole bundle. Builds into the same folder wait for each
other.

The target must be absent, an empty folder, or a bundle errref wrote that
nobody changed since (it holds .errref-bundle, and SHA256SUMS lists every
other file with its checksum). Anything else is refused and left as it is:
the checkout or a folder holding it, entries/, a file, a folder holding
files errref did not write.

With --only, only the files of those exporters are replaced: the other
files of an existing bundle are kept and SHA256SUMS is rewritten to cover
them all. Without an existing bundle, the new one holds those exporters'
files only.

The same entries give byte-identical files. No timestamp is written unless
one is given by --source-date-epoch or SOURCE_DATE_EPOCH.

` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = dir()
			if cmd.Flags().Changed("source-date-epoch") {
				n, err := parseEpoch(epoch)
				if err != nil {
					return fmt.Errorf("--source-date-epoch %w", err)
				}
				opts.Epoch = n
			} else if v := deps.Getenv("SOURCE_DATE_EPOCH"); v != "" {
				n, err := parseEpoch(v)
				if err != nil {
					return fmt.Errorf("SOURCE_DATE_EPOCH=%w", err)
				}
				opts.Epoch = n
			}
			if runF != nil {
				return runF(opts)
			}
			return runBuild(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "dist", "write the bundle to `DIR`")
	cmd.Flags().StringSliceVar(&opts.Only, "only", nil, "replace only these `exporters`' files in the bundle, keeping the others (comma-separated): "+fmt.Sprint(exporters.Names()))
	cmd.Flags().StringVar(&opts.BaseURL, "base-url", project.SiteURL, "`URL` the site is served from (links in the site and llms files)")
	cmd.Flags().StringVar(&opts.RepoURL, "repo-url", project.RepoURL, "`URL` of the source repository")
	cmd.Flags().StringVar(&opts.DataVersion, "data-version", "", "data version to stamp (default: a digest of the entries)")
	cmd.Flags().StringVar(&epoch, "source-date-epoch", "", "build time in `seconds` since 1970, 0 to 253402300799 (default $SOURCE_DATE_EPOCH, else none)")
	_ = cmd.RegisterFlagCompletionFunc("only", listCompletion(exporters.Names()...))
	return cmd
}

func runBuild(opts *BuildOptions) error {
	exps, err := exporters.Select(opts.Only)
	if err != nil {
		return err
	}
	if opts.BaseURL, err = folderURL(opts.BaseURL); err != nil {
		return fmt.Errorf("--base-url: %w", err)
	}
	if v := opts.DataVersion; v != "" && (!schema.DataVersion.MatchString(v) || len(v) > 64) {
		return fmt.Errorf("--data-version %q: want at most 64 letters, digits and . _ + -, starting with a letter or digit (it names the release archives)", v)
	}
	res, err := lint(opts.Dir)
	if err != nil {
		return err
	}
	set, ds := res.Set, res.Diags
	for _, d := range ds {
		if !actionable(d) {
			continue // information is for check; a build reports what needs action
		}
		d.File = printable.Quote(displayPath(opts.Dir, d.File))
		fmt.Fprintln(opts.IO.ErrOut, d)
	}
	if diag.Count(ds, diag.Error) > 0 {
		summary(opts.IO.ErrOut, len(set.Files), ds, len(res.Acknowledged))
		fmt.Fprintln(opts.IO.ErrOut, "build: not written; nothing was changed")
		return errFindings
	}
	b, err := exporters.NewBundle(set.Entries())
	if err != nil {
		return err
	}
	b.BaseURL, b.RepoURL = opts.BaseURL, opts.RepoURL
	if opts.DataVersion != "" {
		b.DataVersion = opts.DataVersion
	}
	if opts.Epoch >= 0 {
		b.Time = time.Unix(opts.Epoch, 0).UTC()
	}
	root := opts.Dir
	if root == "" {
		root = "."
	}
	out := opts.Out
	if !filepath.IsAbs(out) {
		out = filepath.Join(root, out)
	}
	w := exporters.Writer{
		Merge:   len(opts.Only) > 0,
		Protect: []string{root},
		Sources: []string{filepath.Join(root, loader.Dir), filepath.Join(root, ".git")},
		Warn:    func(msg string) { fmt.Fprintf(opts.IO.ErrOut, "build: warning: %s\n", msg) },
	}
	start := time.Now()
	if err := w.Write(b, exps, out); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s: %s, %s, data version %s (%s)\n",
		printable.Quote(out), diag.Plural(len(b.Entries), "entry"), diag.Plural(len(exps), "exporter"), b.DataVersion, time.Since(start).Round(time.Millisecond))
	return nil
}

// folderURL checks that u is an absolute http(s) URL and makes it name a
// folder (a trailing "/"), so that relative links resolve inside it.
func folderURL(u string) (string, error) {
	p, err := url.Parse(u)
	if err != nil {
		return "", err
	}
	if (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || p.RawQuery != "" || p.Fragment != "" {
		return "", fmt.Errorf("%q: want an absolute http(s) URL of a folder, such as %s", u, project.SiteURL)
	}
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u, nil
}
