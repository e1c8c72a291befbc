-- The schema of errors.sqlite, documented in docs/sqlite.md. Positions
-- are 1-based and keep the order of the entry file; text is stored as it
-- is in the entry, never reformatted.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE categories (
  id       TEXT PRIMARY KEY NOT NULL,
  label    TEXT NOT NULL,
  position INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

CREATE TABLE entries (
  id            TEXT PRIMARY KEY NOT NULL,
  code          TEXT NOT NULL,
  title         TEXT NOT NULL,
  severity      TEXT NOT NULL CHECK (severity IN ('info', 'warn', 'error', 'fatal')),
  severity_rank INTEGER NOT NULL CHECK (severity_rank BETWEEN 0 AND 3),
  grp           TEXT REFERENCES categories (id),
  subsystem     TEXT,
  position      INTEGER,
  ord           INTEGER NOT NULL UNIQUE,
  message       TEXT NOT NULL,
  misleading    INTEGER CHECK (misleading IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX entries_severity ON entries (severity_rank, ord);
CREATE INDEX entries_grp ON entries (grp, ord);

CREATE TABLE codes (
  entry_id TEXT NOT NULL REFERENCES entries (id),
  position INTEGER NOT NULL,
  code     TEXT NOT NULL,
  meaning  TEXT,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
CREATE INDEX codes_code ON codes (code);

CREATE TABLE entry_categories (
  entry_id    TEXT NOT NULL REFERENCES entries (id),
  position    INTEGER NOT NULL,
  category_id TEXT NOT NULL REFERENCES categories (id),
  PRIMARY KEY (entry_id, position),
  UNIQUE (entry_id, category_id)
) WITHOUT ROWID;
CREATE INDEX entry_categories_category ON entry_categories (category_id, entry_id);

CREATE TABLE platforms (
  entry_id TEXT NOT NULL REFERENCES entries (id),
  position INTEGER NOT NULL,
  platform TEXT NOT NULL,
  PRIMARY KEY (entry_id, position),
  UNIQUE (entry_id, platform)
) WITHOUT ROWID;
CREATE INDEX platforms_platform ON platforms (platform, entry_id);

CREATE TABLE message_variants (
  entry_id   TEXT NOT NULL REFERENCES entries (id),
  position   INTEGER NOT NULL,
  text       TEXT NOT NULL,
  shown_when TEXT,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;

CREATE TABLE locale_gaps (
  entry_id TEXT NOT NULL REFERENCES entries (id),
  position INTEGER NOT NULL,
  locale   TEXT NOT NULL,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
CREATE INDEX locale_gaps_locale ON locale_gaps (locale, entry_id);

CREATE TABLE chain_nodes (
  entry_id TEXT NOT NULL REFERENCES entries (id),
  position INTEGER NOT NULL,
  label    TEXT NOT NULL,
  detail   TEXT,
  state    TEXT NOT NULL CHECK (state IN ('neutral', 'fragile', 'critical', 'good')),
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;

CREATE TABLE causes (
  entry_id TEXT NOT NULL REFERENCES entries (id),
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;

CREATE TABLE resolution_steps (
  entry_id TEXT NOT NULL REFERENCES entries (id),
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  plain    TEXT NOT NULL,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;

CREATE TABLE notes (
  entry_id TEXT PRIMARY KEY NOT NULL REFERENCES entries (id),
  kind     TEXT NOT NULL CHECK (kind IN ('misleading-message', 'known-bug', 'explanation', 'implementation-detail')),
  title    TEXT,
  lead     TEXT NOT NULL,
  text     TEXT NOT NULL
) WITHOUT ROWID;

-- One row per entry; rowid is entries.ord. The items of a list are joined
-- by " · ", which the tokenizer treats as a separator.
CREATE VIRTUAL TABLE search USING fts5 (
  entry_id UNINDEXED,
  code,
  title,
  message,
  causes,
  steps,
  note,
  tokenize = 'porter unicode61 remove_diacritics 2'
);
