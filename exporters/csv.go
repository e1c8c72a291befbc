package exporters

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/errref/errref/entry"
)

// CSV writes errors.csv (one row per entry) and codes.csv (one row per
// concrete code). docs/csv.md is the column contract.
var CSV = &Exporter{
	Name: "csv",
	Doc: `The errors.csv and codes.csv spreadsheets

RFC 4180 (UTF-8, CRLF, header row). errors.csv has one row per entry in
reference order; list fields hold one item per line inside the cell.
codes.csv has one row per concrete code, for lookups. A cell that a
spreadsheet would run as a formula is prefixed with ' (docs/csv.md).`,
	Files: []string{"errors.csv", "codes.csv"},
	// Written as they render: errors.csv is 77 MB at 100,000 entries.
	Export: func(b *Bundle) ([]File, error) {
		return []File{
			{Name: "errors.csv", Stream: func(w io.Writer) error { return writeErrorsCSV(w, b) }},
			{Name: "codes.csv", Stream: func(w io.Writer) error { return writeCodesCSV(w, b) }},
		}, nil
	},
}

// ErrorsColumns is the header of errors.csv. It is a public contract:
// columns are only ever added at the end.
var ErrorsColumns = []string{
	"id", "code", "codes", "code_meanings", "title", "severity",
	"categories", "subsystem", "platforms", "position",
	"message", "message_when", "locale_gaps", "misleading",
	"chain", "chain_labels", "chain_details", "chain_states",
	"causes", "resolution", "note_kind", "note_title", "note_text",
}

// CodesColumns is the header of codes.csv, under the same contract.
var CodesColumns = []string{"code", "meaning", "entry_id", "entry_code", "title", "severity"}

// ListSep joins the items of a list column inside one cell. Text never
// holds a line break (the schema forbids it, and the exporter refuses it),
// so splitting a cell at line breaks gives the items back. With CRLF
// output the break is written as CRLF; readers return LF or CRLF.
const ListSep = "\n"

// formulaTriggers are the first characters that make a spreadsheet read a
// cell as a formula (OWASP CSV injection; ASVS 1.2.10 adds NUL), plus the
// quote itself, so that removing one leading quote is always the exact
// inverse of NeutraliseCell.
const formulaTriggers = "=+-@\t\r\x00'"

// NeutraliseCell prefixes a single quote to a cell that begins with a
// formula trigger (= + - @ tab CR NUL) or with a quote.
func NeutraliseCell(s string) string {
	if s != "" && strings.IndexByte(formulaTriggers, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// RestoreCell undoes NeutraliseCell on a cell read back from the file.
func RestoreCell(s string) string { return strings.TrimPrefix(s, "'") }

// ErrorsCSV renders errors.csv.
func ErrorsCSV(b *Bundle) ([]byte, error) { return renderBytes(b, writeErrorsCSV) }

// CodesCSV renders codes.csv.
func CodesCSV(b *Bundle) ([]byte, error) { return renderBytes(b, writeCodesCSV) }

func writeErrorsCSV(w io.Writer, b *Bundle) error {
	cw := newCSV(w)
	cw.Write(ErrorsColumns)
	for _, e := range b.Entries {
		row, err := errorsRow(e)
		if err != nil {
			return fmt.Errorf("entry %s: %w", e.ID, err)
		}
		cw.Write(row)
	}
	cw.Flush()
	return cw.Error()
}

func writeCodesCSV(w io.Writer, b *Bundle) error {
	cw := newCSV(w)
	cw.Write(CodesColumns)
	for _, e := range b.Entries {
		for _, c := range e.Codes {
			r := &csvRow{cols: CodesColumns}
			r.text(c.Code)
			r.text(c.Meaning)
			r.text(e.ID)
			r.text(e.Code)
			r.text(e.Title)
			r.text(string(e.Severity))
			if r.err != nil {
				return fmt.Errorf("entry %s, code %q: %w", e.ID, c.Code, r.err)
			}
			cw.Write(r.cells)
		}
	}
	cw.Flush()
	return cw.Error()
}

func errorsRow(e *entry.Entry) ([]string, error) {
	r := &csvRow{cols: ErrorsColumns}
	r.text(e.ID)
	r.text(e.Code)
	r.list(mapSlice(e.Codes, func(c entry.Code) string { return c.Code }))
	r.list(mapSlice(e.Codes, func(c entry.Code) string { return c.Meaning }))
	r.text(e.Title)
	r.text(string(e.Severity))
	r.list(mapSlice(e.Categories, func(c entry.Category) string { return string(c) }))
	r.text(e.Subsystem)
	r.list(e.Platforms)
	r.text(positionText(e.Position))
	r.list(mapSlice(e.Message.Variants, func(v entry.Variant) string { return v.Text }))
	r.list(mapSlice(e.Message.Variants, func(v entry.Variant) string { return v.When }))
	r.list(mapSlice(e.Message.LocaleGaps, func(g entry.LocaleGap) string { return g.Locale }))
	r.text(misleading(e.Message.Misleading))
	r.text(ChainText(e.Chain, " -> "))
	r.list(mapSlice(e.Chain, func(n entry.Node) string { return n.Label }))
	r.list(mapSlice(e.Chain, func(n entry.Node) string { return n.Detail }))
	r.list(mapSlice(e.Chain, func(n entry.Node) string { return string(n.State) }))
	r.list(e.Causes)
	r.list(e.Resolution)
	var note entry.Note
	if e.Note != nil {
		note = *e.Note
	}
	r.text(string(note.Kind))
	r.text(note.Title)
	r.text(note.Text)
	if r.err == nil && len(r.cells) != len(r.cols) {
		r.err = fmt.Errorf("row has %d cells for %d columns", len(r.cells), len(r.cols))
	}
	return r.cells, r.err
}

// csvRow collects the cells of one record, neutralised, and the first
// error, named after the column it happened in.
type csvRow struct {
	cols  []string
	cells []string
	err   error
}

// text adds a one-line cell.
func (r *csvRow) text(s string) {
	if r.err == nil && strings.ContainsAny(s, "\r\n") {
		r.err = fmt.Errorf("column %s: %q holds a line break, which a cell cannot carry", r.col(), s)
	}
	r.cells = append(r.cells, NeutraliseCell(s))
}

// list adds a cell holding one item per line.
func (r *csvRow) list(items []string) {
	for i, s := range items {
		if r.err == nil && strings.ContainsAny(s, "\r\n") {
			r.err = fmt.Errorf("column %s, item %d: %q holds a line break, which would split the item", r.col(), i+1, s)
		}
	}
	r.cells = append(r.cells, NeutraliseCell(strings.Join(items, ListSep)))
}

func (r *csvRow) col() string {
	if len(r.cells) < len(r.cols) {
		return r.cols[len(r.cells)]
	}
	return strconv.Itoa(len(r.cells) + 1)
}

// newCSV writes records to w as strict RFC 4180: CRLF line ends, fields
// quoted only when they need it. Its errors are sticky: Error after
// Flush reports the first.
func newCSV(w io.Writer) *csv.Writer {
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return cw
}

// ChainText renders a cause chain on one line: each node as
// "label (detail) [state]", joined by sep.
func ChainText(chain []entry.Node, sep string) string {
	nodes := mapSlice(chain, func(n entry.Node) string { return NodeText(n) })
	return strings.Join(nodes, sep)
}

// NodeText renders one node with its state: "label (detail) [state]".
func NodeText(n entry.Node) string { return n.String() + " [" + string(n.State) + "]" }

func misleading(m *bool) string {
	if m == nil {
		return ""
	}
	return strconv.FormatBool(*m)
}

func mapSlice[T any](xs []T, f func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// positionText is an entry's position, or "" for none.
func positionText(p int) string {
	if p == 0 {
		return ""
	}
	return strconv.Itoa(p)
}
