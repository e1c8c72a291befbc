package exporters

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // pure-Go driver "sqlite", no cgo

	"github.com/errref/errref/entry"
)

// SQLite writes errors.sqlite: the entries in normalised tables with an
// FTS5 index, for consumers that would rather query than parse.
var SQLite = &Exporter{
	Name: "sqlite",
	Doc: `All entries as an SQLite database

Normalised tables (entries, codes, categories, chain nodes, causes,
resolution steps, notes, locale gaps…) with foreign keys and indexes, an
FTS5 table "search" over titles, messages, causes, steps and notes, and a
"meta" table with the schema and data versions. docs/sqlite.md documents
every table and has example queries.`,
	Files:  []string{SQLiteFile},
	Export: exportSQLite,
}

// SQLiteFile is the database's name in the bundle.
const SQLiteFile = "errors.sqlite"

// SQLiteSchemaVersion is PRAGMA user_version: it goes up when a table or
// column of errors.sqlite is renamed, removed or changes meaning (adding
// one does not), so consumers can tell incompatible layouts apart.
const SQLiteSchemaVersion = 1

// SQLiteApplicationID is PRAGMA application_id, "ERRF" in ASCII, so that
// file(1)-like tools can tell errors.sqlite from other databases.
const SQLiteApplicationID = 0x45525246

//go:embed sqlite_schema.sql
var sqliteDDL string

// exportSQLite lets the writer choose where the database is built: it is
// a file in the writer's staging folder, so a failure never leaves a
// partial errors.sqlite in a bundle.
func exportSQLite(b *Bundle) ([]File, error) {
	return []File{{Name: SQLiteFile, WriteTo: func(path string) error { return buildSQLite(b, path) }}}, nil
}

// sqlitePageSize is the page size of errors.sqlite.
const sqlitePageSize = 4096

// sqliteSetup runs before any table exists. Every setting that shapes the
// file's bytes is fixed here rather than left to the library's defaults.
// The database is a throwaway until it is complete: it is built in the
// writer's staging folder, which a failure discards whole, so it needs
// no rollback journal (journal_mode OFF: a page is no longer copied to a
// journal before each first change, nor back by VACUUM) and no lock
// shared with other processes. No fsync either: the writer syncs the file
// with the bundle's other files.
var sqliteSetup = []string{
	// The pages of the database while it is filled: in 64 KiB pages an
	// insert splits a page, and moves cells around, far less often than in
	// 4 KiB ones. VACUUM writes the file in sqlitePageSize pages.
	"PRAGMA page_size = 65536",
	"PRAGMA auto_vacuum = NONE",
	"PRAGMA encoding = 'UTF-8'",
	"PRAGMA journal_mode = OFF",
	"PRAGMA locking_mode = EXCLUSIVE",
	// VACUUM builds its copy of the database in a temporary file, not in
	// memory: at 100,000 entries that copy was 400 MB of build's peak.
	"PRAGMA temp_store = FILE",
	"PRAGMA synchronous = OFF",
	// 16 MiB of page cache instead of 2: beyond some ten thousand entries
	// the default spills pages to the file and reads them back, over and
	// over. 64 MiB was no faster (at 100,000 entries `build --only sqlite`
	// took 10.6 s against 9.8 s with 16 MiB, and 9.8 s with 8 MiB) and
	// held 48 MB more. The cache shapes no byte of the file.
	"PRAGMA cache_size = -16384",
	"PRAGMA foreign_keys = ON",
	fmt.Sprintf("PRAGMA application_id = %d", SQLiteApplicationID),
	fmt.Sprintf("PRAGMA user_version = %d", SQLiteSchemaVersion),
}

// buildSQLite inserts rows in batches; should that fail, it starts again
// with one row per INSERT, whose error names the entry at fault.
func buildSQLite(b *Bundle, path string) error {
	err := buildSQLiteBatch(b, path, sqliteBatch)
	if err == nil {
		return nil
	}
	if rerr := os.Remove(path); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
		return errors.Join(err, rerr)
	}
	if err1 := buildSQLiteBatch(b, path, 1); err1 != nil {
		return err1
	}
	return err
}

func buildSQLiteBatch(b *Bundle, path string, batch int) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	// A file: URI, so that no character of the folder's name ("?", "#")
	// is taken for a parameter.
	dsn := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	// PRAGMAs belong to a connection: use exactly one.
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	for _, q := range sqliteSetup {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	// The rows go straight to the driver, in one transaction: database/sql
	// would add a pool lookup and a result per row.
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(sqliteConn)
		if !ok {
			return fmt.Errorf("the sqlite driver's connection (%T) cannot prepare and execute with a context", dc)
		}
		if _, err := c.ExecContext(ctx, "BEGIN", nil); err != nil {
			return err
		}
		if err := fillSQLite(ctx, c, b, batch); err != nil {
			_, rerr := c.ExecContext(ctx, "ROLLBACK", nil)
			return errors.Join(err, rerr)
		}
		_, err := c.ExecContext(ctx, "COMMIT", nil)
		return err
	})
	if err != nil {
		return err
	}
	// VACUUM rebuilds every table and index in key order into fresh,
	// full pages of the file's size: the file is compact and its bytes
	// depend only on the rows.
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA page_size = %d", sqlitePageSize)); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("VACUUM: %w", err)
	}
	return errors.Join(conn.Close(), db.Close())
}

// sqliteConn is what the driver's connection offers.
type sqliteConn interface {
	driver.ExecerContext
	driver.ConnPrepareContext
}

// sqliteTable buffers the rows of one table and inserts them batch at a
// time, with one multi-row INSERT: most of the cost of a row inserted
// alone is the statement's, not the row's.
type sqliteTable struct {
	name  string
	cols  []string
	batch int
	rows  int                 // buffered
	args  []driver.NamedValue // the buffered rows' values, row after row
	stmts map[int]driver.StmtExecContext
}

// sqliteBatch is how many rows one INSERT adds at most.
const sqliteBatch = 64

func newTable(name string, batch int, cols ...string) *sqliteTable {
	return &sqliteTable{name: name, cols: cols, batch: batch, stmts: map[int]driver.StmtExecContext{}}
}

// inserter runs prepared INSERTs, all of whose values are bound
// parameters: no data is ever part of an SQL text.
type inserter struct {
	ctx  context.Context
	conn sqliteConn

	meta, categories, entries, codes, entryCategories, platforms, variants,
	localeGaps, chainNodes, causes, steps, notes, search *sqliteTable
	// tables is every table, parents before children, so that a flush
	// inserts no row before the row its foreign key names.
	tables []*sqliteTable
}

// newInserter inserts up to batch rows per statement; batch 1 inserts
// every row alone, so that an error is that of the row that caused it.
func newInserter(ctx context.Context, conn sqliteConn, batch int) *inserter {
	in := &inserter{ctx: ctx, conn: conn}
	in.tables = []*sqliteTable{
		in.table(&in.meta, "meta", batch, "key", "value"),
		in.table(&in.categories, "categories", batch, "id", "label", "position"),
		in.table(&in.entries, "entries", batch, "id", "code", "title", "severity", "severity_rank", "grp", "subsystem", "position", "ord", "message", "misleading"),
		in.table(&in.codes, "codes", batch, "entry_id", "position", "code", "meaning"),
		in.table(&in.entryCategories, "entry_categories", batch, "entry_id", "position", "category_id"),
		in.table(&in.platforms, "platforms", batch, "entry_id", "position", "platform"),
		in.table(&in.variants, "message_variants", batch, "entry_id", "position", "text", "shown_when"),
		in.table(&in.localeGaps, "locale_gaps", batch, "entry_id", "position", "locale"),
		in.table(&in.chainNodes, "chain_nodes", batch, "entry_id", "position", "label", "detail", "state"),
		in.table(&in.causes, "causes", batch, "entry_id", "position", "text"),
		in.table(&in.steps, "resolution_steps", batch, "entry_id", "position", "text", "plain"),
		in.table(&in.notes, "notes", batch, "entry_id", "kind", "title", "lead", "text"),
	}
	// Not among tables: see fillSearch.
	in.search = newTable("search", 1, "rowid", "entry_id", "code", "title", "message", "causes", "steps", "note")
	return in
}

func (in *inserter) table(field **sqliteTable, name string, batch int, cols ...string) *sqliteTable {
	*field = newTable(name, batch, cols...)
	return *field
}

// insert buffers a row of t; args are its cols.
func (in *inserter) insert(t *sqliteTable, args ...any) {
	for _, a := range args {
		if n, ok := a.(int); ok {
			a = int64(n) // the driver's integer type
		}
		t.args = append(t.args, driver.NamedValue{Value: a})
	}
	t.rows++
}

// flush inserts the buffered rows of every table, parents first, in full
// batches; all of them if all is set, or else keeping the rows of a last
// partial batch for later.
func (in *inserter) flush(all bool) error {
	for _, t := range in.tables {
		if err := in.flushTable(t, all); err != nil {
			return err
		}
	}
	return nil
}

func (in *inserter) flushTable(t *sqliteTable, all bool) error {
	done := 0 // rows inserted
	for t.rows-done >= t.batch || all && done < t.rows {
		n := min(t.batch, t.rows-done)
		st, err := in.stmt(t, n)
		if err != nil {
			return err
		}
		args := t.args[done*len(t.cols) : (done+n)*len(t.cols)]
		for i := range args {
			args[i].Ordinal = i + 1
		}
		if _, err := st.ExecContext(in.ctx, args); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
		done += n
	}
	rest := copy(t.args, t.args[done*len(t.cols):])
	clear(t.args[rest:]) // no buffer keeps a value alive
	t.args = t.args[:rest]
	t.rows -= done
	return nil
}

func (t *sqliteTable) close() {
	for _, st := range t.stmts {
		st.(driver.Stmt).Close()
	}
}

// stmt is t's INSERT of n rows, prepared once.
func (in *inserter) stmt(t *sqliteTable, n int) (driver.StmtExecContext, error) {
	if st, ok := t.stmts[n]; ok {
		return st, nil
	}
	row := "(?" + strings.Repeat(", ?", len(t.cols)-1) + ")"
	q := "INSERT INTO " + t.name + " (" + strings.Join(t.cols, ", ") + ") VALUES " + row + strings.Repeat(", "+row, n-1)
	ds, err := in.conn.PrepareContext(in.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", t.name, err)
	}
	st, ok := ds.(driver.StmtExecContext)
	if !ok {
		ds.Close()
		return nil, fmt.Errorf("%s: the driver's statement (%T) cannot execute with a context", t.name, ds)
	}
	t.stmts[n] = st
	return st, nil
}

func (in *inserter) close() {
	for _, t := range in.tables {
		t.close()
	}
	in.search.close()
}

func fillSQLite(ctx context.Context, tx sqliteConn, b *Bundle, batch int) error {
	if _, err := tx.ExecContext(ctx, sqliteDDL, nil); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	in := newInserter(ctx, tx, batch)
	defer in.close()
	meta := [][2]string{
		{"schema_version", b.SchemaVersion},
		{"data_version", b.DataVersion},
		{"sqlite_schema_version", fmt.Sprint(SQLiteSchemaVersion)},
		{"entry_count", fmt.Sprint(len(b.Entries))},
	}
	if !b.Time.IsZero() {
		meta = append(meta, [2]string{"build_time", b.Time.UTC().Format(time.RFC3339)})
	}
	for _, kv := range meta {
		in.insert(in.meta, kv[0], kv[1])
	}
	for i, c := range entry.Categories {
		in.insert(in.categories, string(c), entry.CategoryLabels[c], i+1)
	}
	if err := in.flush(true); err != nil {
		return err
	}
	for i, e := range b.Entries {
		insertEntry(in, e, i+1)
		if in.entries.rows >= batch {
			if err := in.flush(false); err != nil {
				if batch == 1 {
					err = fmt.Errorf("entry %s: %w", e.ID, err)
				}
				return err
			}
		}
	}
	if err := in.flush(true); err != nil {
		return err
	}
	if err := fillSearch(in, b); err != nil {
		return err
	}
	// One b-tree per FTS5 index instead of a segment per insert: smaller,
	// and faster to query.
	if _, err := tx.ExecContext(ctx, "INSERT INTO search (search) VALUES ('optimize')", nil); err != nil {
		return fmt.Errorf("search: optimize: %w", err)
	}
	return nil
}

// insertEntry adds e, the ord-th entry in reference order, to every table.
func insertEntry(in *inserter, e *entry.Entry, ord int) {
	var misleading any // NULL: left to the heuristic
	if m := e.Message.Misleading; m != nil {
		misleading = *m
	}
	in.insert(in.entries, e.ID, e.Code, e.Title, string(e.Severity), e.Severity.Rank(), nullable(string(e.Group())), nullable(e.Subsystem),
		nullable(e.Position), ord, PlainMessage(e), misleading)
	for i, c := range e.Codes {
		in.insert(in.codes, e.ID, i+1, c.Code, nullable(c.Meaning))
	}
	for i, c := range e.Categories {
		in.insert(in.entryCategories, e.ID, i+1, string(c))
	}
	for i, p := range e.Platforms {
		in.insert(in.platforms, e.ID, i+1, p)
	}
	for i, v := range e.Message.Variants {
		in.insert(in.variants, e.ID, i+1, v.Text, nullable(v.When))
	}
	for i, g := range e.Message.LocaleGaps {
		in.insert(in.localeGaps, e.ID, i+1, g.Locale)
	}
	for i, n := range e.Chain {
		in.insert(in.chainNodes, e.ID, i+1, n.Label, nullable(n.Detail), string(n.State))
	}
	for i, c := range e.Causes {
		in.insert(in.causes, e.ID, i+1, c)
	}
	for i, s := range e.Resolution {
		in.insert(in.steps, e.ID, i+1, s, entry.PlainStep(s))
	}
	if n := e.Note; n != nil {
		in.insert(in.notes, e.ID, string(n.Kind), nullable(n.Title), n.Lead(), n.Text)
	}
}

// fillSearch fills the full-text index, after every other table and one
// row per INSERT. FTS5 holds the terms of the rows it is given in memory
// and writes them to the index in segments; at the start of any statement
// of several rows, whatever its table, it writes what it holds: filled
// among the batches of the other tables, the index would be made of other
// segments, and its shadow tables' rows would not be those of earlier
// builds.
func fillSearch(in *inserter, b *Bundle) error {
	for i, e := range b.Entries {
		note := ""
		if n := e.Note; n != nil {
			note = n.Lead() + searchSep + n.Text
		}
		in.insert(in.search, i+1, e.ID, searchCodes(e), e.Title, searchMessage(e), strings.Join(e.Causes, searchSep), searchSteps(e), note)
		if err := in.flushTable(in.search, true); err != nil {
			return fmt.Errorf("entry %s: %w", e.ID, err)
		}
	}
	return nil
}

// searchSep joins the items of a list in one column of search: a
// separator for the tokenizer that keeps a snippet() on one line.
const searchSep = " · "

// nullable stores an absent optional field as NULL rather than "".
func nullable[T comparable](v T) any {
	var zero T
	if v == zero {
		return nil
	}
	return v
}

// searchCodes is the display code and every concrete code, so that a
// search for "54" finds accounts:53–55.
func searchCodes(e *entry.Entry) string {
	parts := []string{e.Code}
	for _, c := range e.Codes {
		parts = append(parts, c.Code)
	}
	return strings.Join(parts, searchSep)
}

// searchMessage is every variant of the message and when it is shown.
func searchMessage(e *entry.Entry) string {
	var parts []string
	for _, v := range e.Message.Variants {
		parts = append(parts, v.Text)
		if v.When != "" {
			parts = append(parts, v.When)
		}
	}
	return strings.Join(parts, searchSep)
}

// searchSteps is the steps without their code markup.
func searchSteps(e *entry.Entry) string {
	parts := make([]string, len(e.Resolution))
	for i, s := range e.Resolution {
		parts[i] = entry.PlainStep(s)
	}
	return strings.Join(parts, searchSep)
}
