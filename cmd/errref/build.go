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

func newCmdBuild(deps *Deps, dir func() string, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{IO: deps.IO, Epoch: -1}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Check, then write the release bundle to dist/",
		Long: `Run check; when it reports no error, write the bundle. Every file is first
written to a temporary folder beside the target, which replaces the target
only when every exporter succeeded: a failed build leaves the previous
bundle exactly as it was.

The same entries give byte-identical files. No timestamp is written unless
one is given by --source-date-epoch or SOURCE_DATE_EPOCH.

` + exitHelp,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = dir()
			if !cmd.Flags().Changed("source-date-epoch") {
				if v := deps.Getenv("SOURCE_DATE_EPOCH"); v != "" {
					n, err := strconv.ParseInt(v, 10, 64)
					if err != nil || n < 0 {
						return fmt.Errorf("SOURCE_DATE_EPOCH=%q: want a non-negative integer", v)
					}
					opts.Epoch = n
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return runBuild(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Out, "output", "o", "dist", "write the bundle to `DIR`")
	cmd.Flags().StringSliceVar(&opts.Only, "only", nil, "build only these `exporters` (comma-separated): "+fmt.Sprint(exporters.Names()))
	cmd.Flags().StringVar(&opts.BaseURL, "base-url", project.SiteURL, "`URL` the site is served from (links in the site and llms files)")
	cmd.Flags().StringVar(&opts.RepoURL, "repo-url", project.RepoURL, "`URL` of the source repository")
	cmd.Flags().StringVar(&opts.DataVersion, "data-version", "", "data version to stamp (default: a digest of the entries)")
	cmd.Flags().Int64Var(&opts.Epoch, "source-date-epoch", -1, "build time in `seconds` since 1970 (default $SOURCE_DATE_EPOCH, else none)")
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
		if d.Level == diag.Info {
			continue // information is for check; a build reports what needs action
		}
		d.File = displayPath(opts.Dir, d.File)
		fmt.Fprintln(opts.IO.ErrOut, d)
	}
	if diag.Count(ds, diag.Error) > 0 {
		summary(opts.IO.ErrOut, len(set.Files), ds, len(res.Acknowledged))
		fmt.Fprintln(opts.IO.ErrOut, "build: not written; the previous bundle is unchanged")
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
	out := opts.Out
	if !filepath.IsAbs(out) && opts.Dir != "" {
		out = filepath.Join(opts.Dir, out)
	}
	start := time.Now()
	if err := exporters.Write(b, exps, out); err != nil {
		return fmt.Errorf("build: %w (the previous bundle is unchanged)", err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "wrote %s: %d entries, %d exporters, data version %s (%s)\n",
		out, len(b.Entries), len(exps), b.DataVersion, time.Since(start).Round(time.Millisecond))
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
