package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/loader"
)

// loadEntries reads the entries of the checkout at dir, in reference
// order, for the commands that look entries up. Files that do not load
// are left out, with a note on standard error pointing at check.
func loadEntries(ios *iostreams.IOStreams, dir string) ([]*entry.Entry, error) {
	set, err := loader.Load(loader.Checkout(rootDir(dir)))
	if err != nil {
		return nil, err
	}
	if n := diag.Count(set.Diags, diag.Error); n > 0 {
		fmt.Fprintf(ios.ErrOut, "errref: %s left out: %s; run errref check\n", diag.Plural(len(set.Files)-len(set.Entries()), "file"), diag.Plural(n, "error"))
	}
	return set.Entries(), nil
}

// entryRows are the rows list and search print: code, severity,
// categories, platforms, title.
func entryRows(es []*entry.Entry) (header []string, rows [][]string) {
	header = []string{"Code", "Severity", "Categories", "Platforms", "Title"}
	for _, e := range es {
		rows = append(rows, []string{e.Code, string(e.Severity), strings.Join(entry.Strings(e.Categories), ","), strings.Join(e.Platforms, ","), e.Title})
	}
	return header, rows
}

// writeEntries prints es as list and search do: a JSON array with
// asJSON, else a table (tab-separated when piped).
func writeEntries(ios *iostreams.IOStreams, es []*entry.Entry, asJSON bool) error {
	if asJSON {
		return writeEntriesJSON(ios.Out, es)
	}
	header, rows := entryRows(es)
	return writeTable(ios, header, rows)
}

// writeEntriesJSON writes es as one JSON array, without the lint
// metadata (acknowledged) that exporters leave out too.
func writeEntriesJSON(w io.Writer, es []*entry.Entry) error {
	out := make([]entry.Entry, len(es))
	for i, e := range es {
		out[i] = *e
		out[i].Acknowledged = nil
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
