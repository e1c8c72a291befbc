package exporters_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
)

func TestCSVGolden(t *testing.T) {
	files := render(t, exporters.CSV, loadFixture(t))
	for _, name := range exporters.CSV.Files {
		golden(t, name, files[name])
	}
}

// TestCSVReadBack reads both files back with encoding/csv (and Python's csv
// module when python3 is installed) and rebuilds every entry from its row
// by the rules of docs/csv.md alone.
func TestCSVReadBack(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    *exporters.Bundle
	}{
		{"repo", loadRepo(t)},
		{"fixture", loadFixture(t)},
		{"without positions", withoutPositions(t, loadFixture(t))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := export(t, exporters.CSV, tc.b)
			type reader struct {
				name string
				read func(t *testing.T, paths ...string) [][][]string
			}
			readers := []reader{{"encoding/csv", goReadCSV}}
			if py, err := exec.LookPath("python3"); err == nil {
				readers = append(readers, reader{"python", func(t *testing.T, ps ...string) [][][]string { return pyReadCSV(t, py, ps...) }})
			} else {
				t.Log("python3 not on PATH: reading back with encoding/csv only")
			}
			for _, rd := range readers {
				t.Run(rd.name, func(t *testing.T) {
					files := rd.read(t, filepath.Join(dir, "errors.csv"), filepath.Join(dir, "codes.csv"))
					errs, codes := files[0], files[1]
					checkNeutralised(t, errs)
					if diff := cmp.Diff(tc.b.Entries, decodeErrors(t, errs), cmpopts.EquateEmpty()); diff != "" {
						t.Errorf("errors.csv read back differs from the entries (-want +got):\n%s", diff)
					}
					checkNeutralised(t, codes)
					if diff := cmp.Diff(wantCodes(tc.b), restoreAll(codes)); diff != "" {
						t.Errorf("codes.csv read back differs (-want +got):\n%s", diff)
					}
				})
			}
		})
	}
}

// TestCSVStrictRFC4180 checks the framing a strict reader expects: CRLF
// after every record and no bare LF outside quoted cells.
func TestCSVStrictRFC4180(t *testing.T) {
	files := render(t, exporters.CSV, loadFixture(t))
	for _, name := range exporters.CSV.Files {
		data := files[name]
		if !bytes.HasSuffix(data, []byte("\r\n")) {
			t.Errorf("%s does not end with CRLF", name)
		}
		if n := bytes.Count(data, []byte("\n")); n != bytes.Count(data, []byte("\r\n")) {
			t.Errorf("%s has %d LF but %d CRLF", name, n, bytes.Count(data, []byte("\r\n")))
		}
		if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s starts with a byte-order mark", name)
		}
	}
}

func TestCSVRejectsLineBreaks(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(e *entry.Entry)
		want string
	}{
		{"title", func(e *entry.Entry) { e.Title = "a\nb" }, "entry test-1: column title:"},
		{"cause", func(e *entry.Entry) { e.Causes[1] = "a\rb" }, "entry test-1: column causes, item 2:"},
		{"note", func(e *entry.Entry) { e.Note.Text = "a\r\nb" }, "entry test-1: column note_text:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := loadFixture(t)
			tc.edit(b.Entries[len(b.Entries)-1])
			_, err := exporters.ErrorsCSV(b)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
			// The file is refused as it is written: the build fails and
			// leaves no bundle.
			out := filepath.Join(t.TempDir(), "dist")
			if err := exporters.Write(b, []*exporters.Exporter{exporters.CSV}, out); err == nil || !strings.Contains(err.Error(), "errors.csv: "+tc.want) {
				t.Errorf("Write err = %v, want one naming errors.csv and containing %q", err, tc.want)
			}
			if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("after a failed build, %s: %v; want it absent", out, err)
			}
		})
	}
	b := loadFixture(t)
	b.Entries[0].Codes[0].Meaning = "x\ny"
	if _, err := exporters.CodesCSV(b); err == nil || !strings.Contains(err.Error(), "column meaning:") {
		t.Errorf("codes.csv err = %v, want one naming the meaning column", err)
	}
}

func TestNeutraliseCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=1+1", "'=1+1"},
		{"+SUM(1)", "'+SUM(1)"},
		{"-2", "'-2"},
		{"@at", "'@at"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"\x00x", "'\x00x"},
		{"'quoted", "''quoted"},
		{" =1", " =1"},
		{"a=b", "a=b"},
		{"ok\n=cmd", "ok\n=cmd"},
	} {
		got := exporters.NeutraliseCell(tc.in)
		if got != tc.want {
			t.Errorf("NeutraliseCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if back := exporters.RestoreCell(got); back != tc.in {
			t.Errorf("RestoreCell(%q) = %q, want %q", got, back, tc.in)
		}
	}
}

// FuzzCSVCell puts one string in every text field and list item of an
// entry, writes both files and reads them back: each cell must give the
// string back, and no cell may start with a formula trigger.
func FuzzCSVCell(f *testing.F) {
	for _, s := range []string{
		"", "plain", "=cmd|' /C calc'!A0", "+SUM(1+1)", "-2", "@at", "\tx", "\x00",
		"'", "''x", `"quoted"`, `a,b`, " lead", "trail ", "a\"\"b", "a\nb", "\r", "é — →", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := &entry.Entry{
			ID: s, Code: s, Codes: []entry.Code{{Code: s, Meaning: s}, {Code: s, Meaning: s}},
			Title: s, Severity: entry.Severity(s), Categories: []entry.Category{entry.Category(s), entry.Category(s)},
			Subsystem: s, Platforms: []string{s, s}, Position: 1,
			Message: entry.Message{Variants: []entry.Variant{{Text: s, When: s}, {Text: s, When: s}}, LocaleGaps: []entry.LocaleGap{{Locale: s}, {Locale: s}}},
			Chain:   []entry.Node{{Label: s, Detail: s, State: entry.State(s)}, {Label: s, Detail: s, State: entry.State(s)}},
			Causes:  []string{s, s}, Resolution: []string{s, s},
			Note: &entry.Note{Kind: entry.NoteKind(s), Title: s, Text: s},
		}
		b := &exporters.Bundle{Entries: []*entry.Entry{e}}
		errs, err1 := exporters.ErrorsCSV(b)
		codes, err2 := exporters.CodesCSV(b)
		if strings.ContainsAny(s, "\r\n") {
			if err1 == nil || err2 == nil {
				t.Fatalf("a line break was accepted: errors.csv err %v, codes.csv err %v", err1, err2)
			}
			return
		}
		if err1 != nil || err2 != nil {
			t.Fatalf("errors.csv: %v; codes.csv: %v", err1, err2)
		}
		for _, data := range [][]byte{errs, codes} {
			recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
			if err != nil {
				t.Fatalf("written CSV does not parse: %v\n%q", err, data)
			}
			checkNeutralised(t, recs)
			for _, rec := range recs[1:] {
				for i, cell := range rec {
					got := exporters.RestoreCell(cell)
					want := s
					switch col := recs[0][i]; {
					case col == "position":
						want = "1"
					case col == "misleading":
						want = ""
					case col == "chain":
						want = exporters.ChainText(e.Chain, " -> ")
					case isList(col):
						want = s + "\n" + s
					}
					if got != want {
						t.Fatalf("column %s: read back %q, want %q", recs[0][i], got, want)
					}
				}
			}
		}
	})
}

func isList(col string) bool {
	switch col {
	case "codes", "code_meanings", "categories", "platforms", "message", "message_when",
		"locale_gaps", "chain_labels", "chain_details", "chain_states", "causes", "resolution":
		return true
	}
	return false
}

func goReadCSV(t *testing.T, paths ...string) [][][]string {
	t.Helper()
	var files [][][]string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		files = append(files, recs)
	}
	return files
}

// pyReadCSV reads each path with Python's csv module in its default
// (excel) dialect, strictly. Python keeps the CRLF inside quoted cells,
// which docs/csv.md says a reader may do; it is normalised to LF here.
func pyReadCSV(t *testing.T, py string, paths ...string) [][][]string {
	t.Helper()
	const script = `import csv, json, sys
files = []
for p in sys.argv[1:]:
    with open(p, newline="", encoding="utf-8") as f:
        files.append(list(csv.reader(f, strict=True)))
json.dump(files, sys.stdout)`
	out, err := exec.Command(py, append([]string{"-c", script}, paths...)...).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("python csv: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("python csv: %v", err)
	}
	var files [][][]string
	if err := json.Unmarshal(out, &files); err != nil {
		t.Fatal(err)
	}
	if len(files) != len(paths) {
		t.Fatalf("python read %d files, want %d", len(files), len(paths))
	}
	for _, recs := range files {
		for _, rec := range recs {
			for i := range rec {
				rec[i] = strings.ReplaceAll(rec[i], "\r\n", "\n")
			}
		}
	}
	return files
}

// checkNeutralised asserts that no cell starts with a formula trigger and
// that a cell starts with a quote exactly when its value needed one.
func checkNeutralised(t *testing.T, recs [][]string) {
	t.Helper()
	for r, rec := range recs {
		for c, cell := range rec {
			if cell != "" && strings.ContainsRune("=+-@\t\r\x00", rune(cell[0])) {
				t.Errorf("record %d cell %d starts with a formula trigger: %q", r+1, c+1, cell)
			}
			if exporters.NeutraliseCell(exporters.RestoreCell(cell)) != cell {
				t.Errorf("record %d cell %d: quote prefix not exactly as NeutraliseCell puts it: %q", r+1, c+1, cell)
			}
		}
	}
}

func restoreAll(recs [][]string) [][]string {
	out := make([][]string, len(recs))
	for i, rec := range recs {
		out[i] = make([]string, len(rec))
		for j, c := range rec {
			out[i][j] = exporters.RestoreCell(c)
		}
	}
	return out
}

func wantCodes(b *exporters.Bundle) [][]string {
	want := [][]string{exporters.CodesColumns}
	for _, e := range b.Entries {
		for _, c := range e.Codes {
			want = append(want, []string{c.Code, c.Meaning, e.ID, e.Code, e.Title, string(e.Severity)})
		}
	}
	return want
}

// decodeErrors rebuilds entries from errors.csv records following
// docs/csv.md: restore each cell, split list cells at line breaks, and
// split a parallel column into as many items as its leading column has.
func decodeErrors(t *testing.T, recs [][]string) []*entry.Entry {
	t.Helper()
	if len(recs) == 0 {
		t.Fatal("no header row")
	}
	if diff := cmp.Diff(exporters.ErrorsColumns, recs[0]); diff != "" {
		t.Fatalf("header (-want +got):\n%s", diff)
	}
	var es []*entry.Entry
	for r, rec := range recs[1:] {
		row := map[string]string{}
		for i, col := range recs[0] {
			row[col] = exporters.RestoreCell(rec[i])
		}
		list := func(col string) []string {
			if row[col] == "" {
				return nil
			}
			return strings.Split(row[col], "\n")
		}
		parallel := func(col string, n int) []string {
			if n == 0 {
				if row[col] != "" {
					t.Errorf("row %d: %s = %q for no items", r+2, col, row[col])
				}
				return nil
			}
			items := strings.Split(row[col], "\n")
			if len(items) != n {
				t.Errorf("row %d: %s has %d items, want %d", r+2, col, len(items), n)
				return make([]string, n)
			}
			return items
		}
		e := &entry.Entry{
			ID: row["id"], Code: row["code"], Title: row["title"],
			Severity: entry.Severity(row["severity"]), Subsystem: row["subsystem"],
			Platforms: list("platforms"), Causes: list("causes"), Resolution: list("resolution"),
		}
		codes := list("codes")
		for i, m := range parallel("code_meanings", len(codes)) {
			e.Codes = append(e.Codes, entry.Code{Code: codes[i], Meaning: m})
		}
		for _, c := range list("categories") {
			e.Categories = append(e.Categories, entry.Category(c))
		}
		if p := row["position"]; p != "" {
			pos, err := strconv.Atoi(p)
			if err != nil || pos < 1 {
				t.Errorf("row %d: position %q: want empty or a positive integer", r+2, p)
			}
			e.Position = pos
		}
		texts := list("message")
		for i, w := range parallel("message_when", len(texts)) {
			e.Message.Variants = append(e.Message.Variants, entry.Variant{Text: texts[i], When: w})
		}
		for _, l := range list("locale_gaps") {
			e.Message.LocaleGaps = append(e.Message.LocaleGaps, entry.LocaleGap{Locale: l})
		}
		if m := row["misleading"]; m != "" {
			v, err := strconv.ParseBool(m)
			if err != nil {
				t.Errorf("row %d: misleading: %v", r+2, err)
			}
			e.Message.Misleading = &v
		}
		labels := list("chain_labels")
		details, states := parallel("chain_details", len(labels)), parallel("chain_states", len(labels))
		for i := range labels {
			e.Chain = append(e.Chain, entry.Node{Label: labels[i], Detail: details[i], State: entry.State(states[i])})
		}
		if got, want := row["chain"], exporters.ChainText(e.Chain, " -> "); got != want {
			t.Errorf("row %d: chain = %q, want %q from the chain columns", r+2, got, want)
		}
		if row["note_kind"] != "" {
			e.Note = &entry.Note{Kind: entry.NoteKind(row["note_kind"]), Title: row["note_title"], Text: row["note_text"]}
		} else if row["note_title"]+row["note_text"] != "" {
			t.Errorf("row %d: note text without a note kind", r+2)
		}
		es = append(es, e)
	}
	return es
}
