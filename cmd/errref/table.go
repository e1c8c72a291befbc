package main

import (
	"strings"

	"github.com/olekukonko/tablewriter"

	"github.com/errref/errref/internal/iostreams"
)

// writeTable writes rows under header: a table on a terminal, tab-separated
// values (no header) when the output is piped, so that cut and awk read it.
func writeTable(ios *iostreams.IOStreams, header []string, rows [][]string) error {
	if !ios.OutTTY {
		var b strings.Builder
		for _, row := range rows {
			b.WriteString(strings.Join(row, "\t") + "\n")
		}
		_, err := ios.Out.Write([]byte(b.String()))
		return err
	}
	t := tablewriter.NewWriter(ios.Out)
	t.Header(header)
	if err := t.Bulk(rows); err != nil {
		return err
	}
	return t.Render()
}
