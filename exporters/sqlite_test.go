package exporters_test

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
	"github.com/errref/errref/loader"
)

// openSQLite opens an exported database read-only with the same pure-Go
// driver the exporter uses.
func openSQLite(t testing.TB, dir string) *sql.DB {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join(dir, exporters.SQLiteFile))
	if err != nil {
		t.Fatal(err)
	}
	// A URI, escaped: fuzz folders have "#" in their names.
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// queryStrings runs q with args and returns each row's columns as
// strings, NULL as "<nil>".
func queryStrings(t testing.TB, db *sql.DB, q string, args ...any) [][]string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			row[i] = "<nil>"
			if v.Valid {
				row[i] = v.String
			}
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// readEntries rebuilds every entry from the database's tables alone, so
// that comparing them with the exported entries checks every column.
func readEntries(t testing.TB, db *sql.DB) []*entry.Entry {
	t.Helper()
	var es []*entry.Entry
	byID := map[string]*entry.Entry{}
	for _, r := range queryStrings(t, db, `SELECT id, code, title, severity, coalesce(subsystem, ''), position, misleading FROM entries ORDER BY ord`) {
		e := &entry.Entry{ID: r[0], Code: r[1], Title: r[2], Severity: entry.Severity(r[3]), Subsystem: r[4]}
		if r[5] != "<nil>" {
			var err error
			if e.Position, err = strconv.Atoi(r[5]); err != nil || e.Position < 1 {
				t.Fatalf("entry %s: position %q: want NULL or a positive integer", e.ID, r[5])
			}
		}
		if r[6] != "<nil>" {
			m := r[6] == "1"
			e.Message.Misleading = &m
		}
		es = append(es, e)
		byID[e.ID] = e
	}
	each := func(q string, f func(e *entry.Entry, r []string)) {
		t.Helper()
		for _, r := range queryStrings(t, db, q) {
			e := byID[r[0]]
			if e == nil {
				t.Fatalf("%s: row of unknown entry %q", q, r[0])
			}
			f(e, r[1:])
		}
	}
	opt := func(s string) string { return strings.TrimPrefix(s, "<nil>") }
	each(`SELECT entry_id, code, coalesce(meaning, '<nil>') FROM codes ORDER BY entry_id, position`, func(e *entry.Entry, r []string) {
		e.Codes = append(e.Codes, entry.Code{Code: r[0], Meaning: opt(r[1])})
	})
	each(`SELECT entry_id, category_id FROM entry_categories ORDER BY entry_id, position`, func(e *entry.Entry, r []string) {
		e.Categories = append(e.Categories, entry.Category(r[0]))
	})
	each(`SELECT entry_id, platform FROM platforms ORDER BY entry_id, position`, func(e *entry.Entry, r []string) {
		e.Platforms = append(e.Platforms, r[0])
	})
	each(`SELECT entry_id, text, coalesce(shown_when, '<nil>') FROM message_variants ORDER BY entry_id, position`, func(e *entry.Entry, r []string) {
		e.Message.Variants = append(e.Message.Variants, entry.Variant{Text: r[0], When: opt(r[1])})
	})
	each(`SELECT entry_id, locale FROM locale_gaps ORDER BY entry_id, position`, func(e *entry.Entry, r []string) {
		e.Message.LocaleGaps = append(e.Message.LocaleGaps, entry.LocaleGap{Locale: r[0]})
	})
	each(`SELECT entry_id, label, coalesce(detail, '<nil>'), state FROM chain_nodes ORDER BY entry_id, position`, func(e *entry.Entry, r []string) {
		e.Chain = append(e.Chain, entry.Node{Label: r[0], Detail: opt(r[1]), State: entry.State(r[2])})
	})
	each(`SELECT entry_id, text FROM causes ORDER BY entry_id, position`, func(e *entry.Entry, r []string) {
		e.Causes = append(e.Causes, r[0])
	})
	each(`SELECT entry_id, text FROM resolution_steps ORDER BY entry_id, position`, func(e *entry.Entry, r []string) {
		e.Resolution = append(e.Resolution, r[0])
	})
	each(`SELECT entry_id, kind, coalesce(title, '<nil>'), text FROM notes ORDER BY entry_id`, func(e *entry.Entry, r []string) {
		e.Note = &entry.Note{Kind: entry.NoteKind(r[0]), Title: opt(r[1]), Text: r[2]}
	})
	return es
}

// TestSQLiteRoundTrip rebuilds the entries from the tables and compares
// them with the input, for the real entries and the hostile fixture.
func TestSQLiteRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		load func(*testing.T) *exporters.Bundle
	}{
		{"repo", func(t *testing.T) *exporters.Bundle { return loadRepo(t) }},
		{"fixture", func(t *testing.T) *exporters.Bundle { return loadFixture(t) }},
		{"without positions", func(t *testing.T) *exporters.Bundle { return withoutPositions(t, loadFixture(t)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.load(t)
			db := openSQLite(t, export(t, exporters.SQLite, b))
			got := readEntries(t, db)
			if diff := cmp.Diff(b.Entries, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("entries read back from the database differ (-want +got):\n%s", diff)
			}
		})
	}
}

// lookup is a full-text query and the one entry it finds.
type lookup struct{ match, want string }

// TestSQLiteContents checks the derived columns, the counts of every
// table and the lookups the docs promise: on the seed, with lookups of
// the upstream's texts; on the live entries, with counts and lookups
// derived from them.
func TestSQLiteContents(t *testing.T) {
	t.Run("seed", func(t *testing.T) {
		sqliteContents(t, loadSeed(t), []lookup{
			{`code:"accounts 54"`, "accounts-53-55"},
			{"title:NTLM OR causes:NTLM", "accounts-53-55"},
		})
	})
	t.Run("repo", func(t *testing.T) { sqliteContents(t, loadRepo(t), nil) })
}

func sqliteContents(t *testing.T, b *exporters.Bundle, lookups []lookup) {
	db := openSQLite(t, export(t, exporters.SQLite, b))

	count := func(f func(e *entry.Entry) int) string {
		n := 0
		for _, e := range b.Entries {
			n += f(e)
		}
		return strconv.Itoa(n)
	}
	for _, tc := range []struct{ table, want string }{
		{"entries", count(func(*entry.Entry) int { return 1 })},
		{"codes", count(func(e *entry.Entry) int { return len(e.Codes) })},
		{"categories", strconv.Itoa(len(entry.Categories))},
		{"entry_categories", count(func(e *entry.Entry) int { return len(e.Categories) })},
		{"platforms", count(func(e *entry.Entry) int { return len(e.Platforms) })},
		{"message_variants", count(func(e *entry.Entry) int { return len(e.Message.Variants) })},
		{"locale_gaps", count(func(e *entry.Entry) int { return len(e.Message.LocaleGaps) })},
		{"chain_nodes", count(func(e *entry.Entry) int { return len(e.Chain) })},
		{"causes", count(func(e *entry.Entry) int { return len(e.Causes) })},
		{"resolution_steps", count(func(e *entry.Entry) int { return len(e.Resolution) })},
		{"notes", count(func(e *entry.Entry) int {
			if e.Note != nil {
				return 1
			}
			return 0
		})},
		{"search", count(func(*entry.Entry) int { return 1 })},
	} {
		got := queryStrings(t, db, "SELECT count(*) FROM "+tc.table)[0][0]
		if got != tc.want {
			t.Errorf("%s has %s rows, want %s", tc.table, got, tc.want)
		}
	}

	// Every concrete code finds its entry, with a bound parameter.
	for _, e := range b.Entries {
		for _, c := range e.Codes {
			got := queryStrings(t, db, "SELECT e.id FROM codes c JOIN entries e ON e.id = c.entry_id WHERE c.code = ?", c.Code)
			if diff := cmp.Diff([][]string{{e.ID}}, got); diff != "" {
				t.Errorf("code %s (-want +got):\n%s", c.Code, diff)
			}
		}
	}

	// The derived columns agree with the other exports.
	for i, e := range b.Entries {
		group := string(e.Group())
		if group == "" {
			group = "<nil>"
		}
		want := []string{strconv.Itoa(i + 1), strconv.Itoa(e.Severity.Rank()), group, exporters.PlainMessage(e)}
		got := queryStrings(t, db, "SELECT ord, severity_rank, coalesce(grp, '<nil>'), message FROM entries WHERE id = ?", e.ID)
		if diff := cmp.Diff([][]string{want}, got); diff != "" {
			t.Errorf("entry %s (-want +got):\n%s", e.ID, diff)
		}
		var steps [][]string
		for _, s := range e.Resolution {
			steps = append(steps, []string{entry.PlainStep(s)})
		}
		if diff := cmp.Diff(steps, queryStrings(t, db, "SELECT plain FROM resolution_steps WHERE entry_id = ? ORDER BY position", e.ID)); diff != "" {
			t.Errorf("entry %s: plain steps (-want +got):\n%s", e.ID, diff)
		}
	}

	// Full-text search finds the entry of every concrete code, and the
	// entry of each lookup.
	for _, e := range b.Entries {
		for _, c := range e.Codes {
			match := `code:"` + strings.ReplaceAll(c.Code, `"`, `""`) + `"`
			got := queryStrings(t, db, "SELECT entry_id FROM search WHERE search MATCH ?", match)
			if !slices.ContainsFunc(got, func(r []string) bool { return r[0] == e.ID }) {
				t.Errorf("MATCH %s finds %v, want %s among them", match, got, e.ID)
			}
		}
	}
	for _, tc := range lookups {
		if diff := cmp.Diff([][]string{{tc.want}}, queryStrings(t, db, "SELECT entry_id FROM search WHERE search MATCH ?", tc.match)); diff != "" {
			t.Errorf("MATCH %s (-want +got):\n%s", tc.match, diff)
		}
	}
}

// TestSQLiteFile checks the file as a whole: its integrity, its foreign
// keys, its identity, no free pages, the meta table, and that nothing but
// errors.sqlite is left in the folder.
func TestSQLiteFile(t *testing.T) {
	b := loadFixture(t)
	for _, tc := range []struct {
		name string
		time time.Time
		meta [][]string
	}{
		{"no time", time.Time{}, [][]string{
			{"data_version", b.DataVersion},
			{"entry_count", "4"},
			{"schema_version", b.SchemaVersion},
			{"sqlite_schema_version", "1"},
		}},
		{"with time", time.Date(2025, 1, 2, 4, 4, 5, 0, time.FixedZone("CET", 3600)), [][]string{
			{"build_time", "2025-01-02T03:04:05Z"},
			{"data_version", b.DataVersion},
			{"entry_count", "4"},
			{"schema_version", b.SchemaVersion},
			{"sqlite_schema_version", "1"},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bb := *b
			bb.Time = tc.time
			dir := export(t, exporters.SQLite, &bb)
			des, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, de := range des {
				names = append(names, de.Name())
			}
			if diff := cmp.Diff([]string{exporters.SQLiteFile}, names); diff != "" {
				t.Errorf("files in the folder (-want +got):\n%s", diff)
			}
			db := openSQLite(t, dir)
			for _, c := range []struct {
				pragma string
				want   [][]string
			}{
				{"integrity_check", [][]string{{"ok"}}},
				{"foreign_key_check", nil},
				{"freelist_count", [][]string{{"0"}}},
				{"page_size", [][]string{{"4096"}}},
				{"encoding", [][]string{{"UTF-8"}}},
				{"journal_mode", [][]string{{"delete"}}},
				{"user_version", [][]string{{strconv.Itoa(exporters.SQLiteSchemaVersion)}}},
				{"application_id", [][]string{{strconv.Itoa(exporters.SQLiteApplicationID)}}},
			} {
				if diff := cmp.Diff(c.want, queryStrings(t, db, "PRAGMA "+c.pragma)); diff != "" {
					t.Errorf("PRAGMA %s (-want +got):\n%s", c.pragma, diff)
				}
			}
			if diff := cmp.Diff(tc.meta, queryStrings(t, db, "SELECT key, value FROM meta ORDER BY key")); diff != "" {
				t.Errorf("meta (-want +got):\n%s", diff)
			}
			// FTS5 checks its index against its content only on a write.
			rw, err := sql.Open("sqlite", filepath.Join(dir, exporters.SQLiteFile))
			if err != nil {
				t.Fatal(err)
			}
			defer rw.Close()
			if _, err := rw.Exec("INSERT INTO search (search, rank) VALUES ('integrity-check', 1)"); err != nil {
				t.Errorf("FTS5 integrity-check: %v", err)
			}
		})
	}
}

// TestSQLiteDeterministic builds the same entries twice, given in
// different orders, with the build time in different zones and the
// process's zone changed in between, and compares every byte.
func TestSQLiteDeterministic(t *testing.T) {
	a := loadRepo(t)
	a.Time = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	rev := slices.Clone(a.Entries)
	slices.Reverse(rev)
	b, err := exporters.NewBundle(rev)
	if err != nil {
		t.Fatal(err)
	}
	b.Time = a.Time.In(time.FixedZone("X", -7*3600))
	first, err := os.ReadFile(filepath.Join(export(t, exporters.SQLite, a), exporters.SQLiteFile))
	if err != nil {
		t.Fatal(err)
	}
	local := time.Local
	time.Local = time.FixedZone("Y", 13*3600)
	t.Cleanup(func() { time.Local = local })
	second, err := os.ReadFile(filepath.Join(export(t, exporters.SQLite, b), exporters.SQLiteFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("two builds of the same entries differ: %d and %d bytes, first difference at byte %d", len(first), len(second), exporters.FirstDiff(first, second))
	}
}

// TestSQLiteErrors: a bundle the tables cannot hold gives an error that
// names the cause, and the writer leaves no file behind.
func TestSQLiteErrors(t *testing.T) {
	fix := loadFixture(t)
	dup := *fix
	dup.Entries = append(slices.Clone(fix.Entries), fix.Entries[0])
	badState := *fix
	e := *fix.Entries[0]
	e.Chain = append([]entry.Node{{Label: "x", State: "broken"}}, e.Chain...)
	badState.Entries = []*entry.Entry{&e}
	for _, tc := range []struct {
		name string
		b    *exporters.Bundle
		want []string // substrings of the error
	}{
		{"duplicate id", &dup, []string{"entry " + fix.Entries[0].ID, "entries", "UNIQUE"}},
		{"unknown state", &badState, []string{"entry " + e.ID, "chain_nodes", "CHECK"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			err := exporters.Write(tc.b, []*exporters.Exporter{exporters.SQLite}, filepath.Join(parent, "dist"))
			if err == nil {
				t.Fatal("Write succeeded, want an error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			if des, _ := os.ReadDir(parent); len(des) != 0 {
				t.Errorf("files left behind: %v", des)
			}
		})
	}
}

// hostileEntry is a valid-shaped entry with s in every text field.
func hostileEntry(s string) *entry.Entry {
	yes := true
	return &entry.Entry{
		ID: "fuzz-1", Code: s, Codes: []entry.Code{{Code: s, Meaning: s}, {Code: "fuzz:2"}},
		Title: s, Severity: entry.Warn, Categories: []entry.Category{"webapi"}, Subsystem: s,
		Platforms: []string{s}, Position: 1,
		Message: entry.Message{
			Variants:   []entry.Variant{{Text: s, When: s}, {Text: "plain"}},
			LocaleGaps: []entry.LocaleGap{{Locale: s}},
			Misleading: &yes,
		},
		Chain:      []entry.Node{{Label: s, Detail: s, State: entry.Critical}},
		Causes:     []string{s, "second"},
		Resolution: []string{s, "Run `" + s + "`"},
		Note:       &entry.Note{Kind: entry.KnownBug, Title: s, Text: s},
	}
}

// FuzzSQLiteText puts hostile text into every field of an entry and reads
// it back identical from the tables and from the full-text index.
func FuzzSQLiteText(f *testing.F) {
	for _, s := range []string{
		"plain", "", "'); DROP TABLE entries; --", `"quoted" 'single' ''`, "a\x00b", "\x00",
		"line\nbreak\r\n", "tab\there", "| pipe = cmd|' /C calc'!A0", "<script>alert(1)</script>",
		"`code` ``", "? ?1 :name @x $y", "é́ 𝄞 \u2028 \ufeff", "MATCH NEAR(a b) OR * ^",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := hostileEntry(s)
		b, err := exporters.NewBundle([]*entry.Entry{e})
		if err != nil {
			t.Skip(err) // not an entry the loader could have produced
		}
		db := openSQLite(t, export(t, exporters.SQLite, b))
		if diff := cmp.Diff(b.Entries, readEntries(t, db), cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("entries read back differ (-want +got):\n%s", diff)
		}
		var title string
		if err := db.QueryRow("SELECT title FROM search WHERE rowid = 1").Scan(&title); err != nil {
			t.Fatal(err)
		}
		if title != s {
			t.Errorf("search.title = %q, want %q", title, s)
		}
		if diff := cmp.Diff([][]string{{"ok"}}, queryStrings(t, db, "PRAGMA integrity_check")); diff != "" {
			t.Errorf("integrity_check (-want +got):\n%s", diff)
		}
	})
}

// BenchmarkSQLite exports the repository's entries.
func BenchmarkSQLite(b *testing.B) {
	set, err := loader.Load(os.DirFS(".."))
	if err != nil {
		b.Fatal(err)
	}
	bundle, err := exporters.NewBundle(set.Entries())
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for b.Loop() {
		os.Remove(filepath.Join(dir, exporters.SQLiteFile))
		if err := place(exporters.SQLite, bundle, dir); err != nil {
			b.Fatal(err)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, exporters.SQLiteFile))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(fi.Size()), "file-bytes")
}

// sqliteDoc is the documentation whose example queries must hold.
const sqliteDoc = "../docs/sqlite.md"

// docQuery is one example of docs/sqlite.md: a marker line
// "<!-- query: NAME -->", then a ```sql block, then a ```text block with
// its output. out spans the output's lines, for -update to replace.
type docQuery struct {
	name, sql, out string
	outFrom, outTo int // lines[outFrom:outTo] are the output block's body
}

var queryMarker = regexp.MustCompile(`^<!-- query: ([a-z0-9-]+) -->$`)

// parseDocQueries reads the examples out of the doc's lines.
func parseDocQueries(lines []string) ([]docQuery, error) {
	var qs []docQuery
	// block finds the next fence opened by open at or after i and returns
	// its body's line span.
	block := func(i int, open string) (int, int, error) {
		for ; i < len(lines) && strings.TrimSpace(lines[i]) == ""; i++ {
		}
		if i >= len(lines) || lines[i] != open {
			return 0, 0, fmt.Errorf("line %d: want %s", i+1, open)
		}
		for j := i + 1; j < len(lines); j++ {
			if lines[j] == "```" {
				return i + 1, j, nil
			}
		}
		return 0, 0, fmt.Errorf("line %d: %s is never closed", i+1, open)
	}
	for i, l := range lines {
		m := queryMarker.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		sqlFrom, sqlTo, err := block(i+1, "```sql")
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", m[1], err)
		}
		outFrom, outTo, err := block(sqlTo+1, "```text")
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", m[1], err)
		}
		qs = append(qs, docQuery{
			name:    m[1],
			sql:     strings.Join(lines[sqlFrom:sqlTo], "\n") + "\n",
			out:     strings.Join(lines[outFrom:outTo], "\n"),
			outFrom: outFrom, outTo: outTo,
		})
	}
	return qs, nil
}

// sqlite3 runs the real shell on db with query on its input and the
// given output flags, and returns what it printed.
func sqlite3(t *testing.T, shell, db, query string, flags ...string) string {
	t.Helper()
	args := append([]string{"-init", os.DevNull, "-batch", "-bail", "-readonly"}, flags...)
	cmd := exec.Command(shell, append(args, db)...)
	cmd.Stdin = strings.NewReader(query)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("sqlite3 %s: %v\n%s", strings.Join(flags, " "), err, stderr.String())
	}
	return string(out)
}

// docRow is a row of a documented query as its JSON output holds it.
type docRow = map[string]any

// docChecks say, for each documented query, which rows it must return,
// worked out from the entries rather than from the database; docs
// without a check here fail the test.
var docChecks = map[string]func(t *testing.T, b *exporters.Bundle, rows []docRow){
	"by-code": func(t *testing.T, b *exporters.Bundle, rows []docRow) {
		e := findEntry(t, b, "accounts-53-55")
		if !slices.ContainsFunc(e.Codes, func(c entry.Code) bool { return c.Code == "accounts:54" }) {
			t.Fatal("accounts-53-55 no longer covers accounts:54: change the example")
		}
		checkRows(t, []docRow{{"id": e.ID, "code": e.Code, "title": e.Title}}, rows)
	},
	"search": func(t *testing.T, b *exporters.Bundle, rows []docRow) {
		var want, got []string
		for _, e := range b.Entries {
			if strings.Contains(strings.ToLower(searchText(e)), "firewall") {
				want = append(want, e.ID)
			}
		}
		for _, r := range rows {
			got = append(got, fmt.Sprint(r["entry_id"]))
			if ex := strings.ToLower(fmt.Sprint(r["excerpt"])); !strings.Contains(ex, "[firewall") {
				t.Errorf("excerpt of %v does not mark the match: %q", r["entry_id"], ex)
			}
		}
		if len(want) == 0 {
			t.Fatal("no entry mentions a firewall: change the example")
		}
		slices.Sort(got)
		slices.Sort(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("entries found (-want +got):\n%s", diff)
		}
	},
	"by-severity": func(t *testing.T, b *exporters.Bundle, rows []docRow) {
		var want []docRow
		for _, e := range b.Entries {
			if e.Severity == entry.Fatal {
				want = append(want, docRow{"id": e.ID, "code": e.Code, "title": e.Title})
			}
		}
		checkRows(t, want, rows)
	},
	"severity-counts": func(t *testing.T, b *exporters.Bundle, rows []docRow) {
		var want []docRow
		for _, s := range slices.Backward(entry.Severities) {
			n := 0
			for _, e := range b.Entries {
				if e.Severity == s {
					n++
				}
			}
			if n > 0 {
				want = append(want, docRow{"severity": string(s), "entries": float64(n)})
			}
		}
		checkRows(t, want, rows)
	},
	"chain": func(t *testing.T, b *exporters.Bundle, rows []docRow) {
		var want []docRow
		for i, n := range findEntry(t, b, "accounts-417").Chain {
			var detail any
			if n.Detail != "" {
				detail = n.Detail
			}
			want = append(want, docRow{"position": float64(i + 1), "label": n.Label, "detail": detail, "state": string(n.State)})
		}
		checkRows(t, want, rows)
	},
	"steps": func(t *testing.T, b *exporters.Bundle, rows []docRow) {
		var want []docRow
		for i, s := range findEntry(t, b, "accounts-53-55").Resolution {
			want = append(want, docRow{"position": float64(i + 1), "plain": entry.PlainStep(s)})
		}
		checkRows(t, want, rows)
	},
	"schema-version": func(t *testing.T, b *exporters.Bundle, rows []docRow) {
		checkRows(t, []docRow{{"value": b.SchemaVersion}}, rows)
	},
}

func findEntry(t *testing.T, b *exporters.Bundle, id string) *entry.Entry {
	t.Helper()
	i := slices.IndexFunc(b.Entries, func(e *entry.Entry) bool { return e.ID == id })
	if i < 0 {
		t.Fatalf("no entry %s: change the example", id)
	}
	return b.Entries[i]
}

func checkRows(t *testing.T, want, got []docRow) {
	t.Helper()
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
}

// searchText is everything the search table indexes of e.
func searchText(e *entry.Entry) string {
	parts := []string{e.Code, e.Title, strings.Join(e.Causes, " ")}
	for _, c := range e.Codes {
		parts = append(parts, c.Code)
	}
	for _, v := range e.Message.Variants {
		parts = append(parts, v.Text, v.When)
	}
	for _, s := range e.Resolution {
		parts = append(parts, entry.PlainStep(s))
	}
	if e.Note != nil {
		parts = append(parts, e.Note.Lead(), e.Note.Text)
	}
	return strings.Join(parts, " ")
}

// TestSQLiteDocQueries runs every example query of docs/sqlite.md with
// the real sqlite3 shell on the database of the repository's entries: its
// output must be the one documented (-update rewrites the doc), and its
// rows the ones the entries imply.
func TestSQLiteDocQueries(t *testing.T) {
	shell, err := exec.LookPath("sqlite3")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("sqlite3 is required in CI: %v", err)
		}
		t.Skipf("sqlite3 not installed (apt-get install sqlite3): %v", err)
	}
	raw, err := os.ReadFile(sqliteDoc)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	qs, err := parseDocQueries(lines)
	if err != nil {
		t.Fatalf("%s: %v", sqliteDoc, err)
	}
	var names []string
	for _, q := range qs {
		names = append(names, q.name)
	}
	for _, want := range []string{"by-code", "search", "by-severity", "chain"} {
		if !slices.Contains(names, want) {
			t.Errorf("%s has no example query %q", sqliteDoc, want)
		}
	}
	b := loadSeed(t) // the documented outputs are the upstream's entries'
	db := filepath.Join(export(t, exporters.SQLite, b), exporters.SQLiteFile)
	if got := sqlite3(t, shell, db, "PRAGMA integrity_check;\nPRAGMA foreign_key_check;\n"); got != "ok\n" {
		t.Errorf("sqlite3: integrity_check and foreign_key_check say %q, want %q", got, "ok\n")
	}
	for i := len(qs) - 1; i >= 0; i-- { // backwards, so -update keeps line numbers valid
		q := qs[i]
		t.Run(q.name, func(t *testing.T) {
			check := docChecks[q.name]
			if check == nil {
				t.Fatalf("no check for the documented query %s: add one to docChecks", q.name)
			}
			var rows []docRow
			if js := sqlite3(t, shell, db, q.sql, "-json"); strings.TrimSpace(js) != "" {
				if err := json.Unmarshal([]byte(js), &rows); err != nil {
					t.Fatalf("-json output: %v\n%s", err, js)
				}
			}
			check(t, b, rows)
			got := strings.TrimSuffix(sqlite3(t, shell, db, q.sql, "-header"), "\n")
			if *update {
				lines = slices.Replace(lines, q.outFrom, q.outTo, strings.Split(got, "\n")...)
				return
			}
			if diff := cmp.Diff(q.out, got); diff != "" {
				t.Errorf("%s: the output of query %s differs from the documented one (-doc +sqlite3); go test ./exporters -update rewrites it:\n%s", sqliteDoc, q.name, diff)
			}
		})
	}
	if *update {
		if err := os.WriteFile(sqliteDoc, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
