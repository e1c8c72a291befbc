package exporters

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"net/url"
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

// sqliteSetup runs before any table exists. Every setting that shapes the
// file's bytes is fixed here rather than left to the library's defaults.
// The database is a throwaway until it is complete: it is built in the
// writer's staging folder, which a failure discards whole, so it needs
// no rollback journal (journal_mode OFF: a page is no longer copied to a
// journal before each first change, nor back by VACUUM) and no lock
// shared with other processes. No fsync either: the writer syncs the file
// with the bundle's other files.
var sqliteSetup = []string{
	"PRAGMA page_size = 4096",
	"PRAGMA auto_vacuum = NONE",
	"PRAGMA encoding = 'UTF-8'",
	"PRAGMA journal_mode = OFF",
	"PRAGMA locking_mode = EXCLUSIVE",
	// VACUUM builds its copy of the database in a temporary file, not in
	// memory: at 100,000 entries that copy was 400 MB of build's peak.
	"PRAGMA temp_store = FILE",
	"PRAGMA synchronous = OFF",
	// 64 MiB of page cache instead of 2: beyond some ten thousand entries
	// the default spills pages to the file and reads them back, over and
	// over. The cache shapes no byte of the file.
	"PRAGMA cache_size = -65536",
	"PRAGMA foreign_keys = ON",
	fmt.Sprintf("PRAGMA application_id = %d", SQLiteApplicationID),
	fmt.Sprintf("PRAGMA user_version = %d", SQLiteSchemaVersion),
}

func buildSQLite(b *Bundle, path string) error {
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
		if err := fillSQLite(ctx, c, b); err != nil {
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
	// full pages: the file is compact and its bytes depend only on the
	// rows.
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

// inserter runs prepared INSERTs, all of whose values are bound
// parameters: no data is ever part of an SQL text.
type inserter struct {
	ctx   context.Context
	conn  sqliteConn
	stmts map[string]driver.StmtExecContext // by table: one column list each
	args  []driver.NamedValue
}

// insert adds a row to table; cols and args correspond, and a table is
// always given the same cols.
func (in *inserter) insert(table string, cols []string, args ...any) error {
	st, ok := in.stmts[table]
	if !ok {
		q := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"
		ds, err := in.conn.PrepareContext(in.ctx, q)
		if err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		if st, ok = ds.(driver.StmtExecContext); !ok {
			ds.Close()
			return fmt.Errorf("%s: the driver's statement (%T) cannot execute with a context", table, ds)
		}
		in.stmts[table] = st
	}
	in.args = in.args[:0]
	for i, a := range args {
		if n, ok := a.(int); ok {
			a = int64(n) // the driver's integer type
		}
		in.args = append(in.args, driver.NamedValue{Ordinal: i + 1, Value: a})
	}
	if _, err := st.ExecContext(in.ctx, in.args); err != nil {
		return fmt.Errorf("%s: %w", table, err)
	}
	return nil
}

func (in *inserter) close() {
	for _, st := range in.stmts {
		st.(driver.Stmt).Close()
	}
}

func fillSQLite(ctx context.Context, tx sqliteConn, b *Bundle) error {
	if _, err := tx.ExecContext(ctx, sqliteDDL, nil); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	in := &inserter{ctx: ctx, conn: tx, stmts: map[string]driver.StmtExecContext{}}
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
		if err := in.insert("meta", []string{"key", "value"}, kv[0], kv[1]); err != nil {
			return err
		}
	}
	for i, c := range entry.Categories {
		if err := in.insert("categories", []string{"id", "label", "position"}, string(c), entry.CategoryLabels[c], i+1); err != nil {
			return err
		}
	}
	for i, e := range b.Entries {
		if err := insertEntry(in, e, i+1); err != nil {
			return fmt.Errorf("entry %s: %w", e.ID, err)
		}
	}
	// One b-tree per FTS5 index instead of a segment per insert: smaller,
	// and faster to query.
	if _, err := tx.ExecContext(ctx, "INSERT INTO search (search) VALUES ('optimize')", nil); err != nil {
		return fmt.Errorf("search: optimize: %w", err)
	}
	return nil
}

// insertEntry adds e, the ord-th entry in reference order, to every table.
func insertEntry(in *inserter, e *entry.Entry, ord int) error {
	var misleading any // NULL: left to the heuristic
	if m := e.Message.Misleading; m != nil {
		misleading = *m
	}
	err := in.insert("entries",
		[]string{"id", "code", "title", "severity", "severity_rank", "grp", "subsystem", "position", "ord", "message", "misleading"},
		e.ID, e.Code, e.Title, string(e.Severity), e.Severity.Rank(), nullable(string(e.Group())), nullable(e.Subsystem),
		nullable(e.Position), ord, PlainMessage(e), misleading)
	if err != nil {
		return err
	}
	for i, c := range e.Codes {
		if err := in.insert("codes", []string{"entry_id", "position", "code", "meaning"}, e.ID, i+1, c.Code, nullable(c.Meaning)); err != nil {
			return err
		}
	}
	for i, c := range e.Categories {
		if err := in.insert("entry_categories", []string{"entry_id", "position", "category_id"}, e.ID, i+1, string(c)); err != nil {
			return err
		}
	}
	for i, p := range e.Platforms {
		if err := in.insert("platforms", []string{"entry_id", "position", "platform"}, e.ID, i+1, p); err != nil {
			return err
		}
	}
	for i, v := range e.Message.Variants {
		if err := in.insert("message_variants", []string{"entry_id", "position", "text", "shown_when"}, e.ID, i+1, v.Text, nullable(v.When)); err != nil {
			return err
		}
	}
	for i, g := range e.Message.LocaleGaps {
		if err := in.insert("locale_gaps", []string{"entry_id", "position", "locale"}, e.ID, i+1, g.Locale); err != nil {
			return err
		}
	}
	for i, n := range e.Chain {
		if err := in.insert("chain_nodes", []string{"entry_id", "position", "label", "detail", "state"}, e.ID, i+1, n.Label, nullable(n.Detail), string(n.State)); err != nil {
			return err
		}
	}
	for i, c := range e.Causes {
		if err := in.insert("causes", []string{"entry_id", "position", "text"}, e.ID, i+1, c); err != nil {
			return err
		}
	}
	for i, s := range e.Resolution {
		if err := in.insert("resolution_steps", []string{"entry_id", "position", "text", "plain"}, e.ID, i+1, s, entry.PlainStep(s)); err != nil {
			return err
		}
	}
	note := ""
	if n := e.Note; n != nil {
		if err := in.insert("notes", []string{"entry_id", "kind", "title", "lead", "text"}, e.ID, string(n.Kind), nullable(n.Title), n.Lead(), n.Text); err != nil {
			return err
		}
		note = n.Lead() + searchSep + n.Text
	}
	return in.insert("search", []string{"rowid", "entry_id", "code", "title", "message", "causes", "steps", "note"},
		ord, e.ID, searchCodes(e), e.Title, searchMessage(e), strings.Join(e.Causes, searchSep), searchSteps(e), note)
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
