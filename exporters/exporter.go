// Package exporters turns entries into the release bundle. Each format is
// one exported *Exporter value in a file of its own; the registry (All)
// and Write know no single format.
package exporters

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/workers"
	"github.com/errref/errref/project"
	"github.com/errref/errref/schema"
)

// Exporter writes one format of the bundle.
type Exporter struct {
	// Name is how --only selects it: "json", "csv", …
	Name string
	// Doc's first line is a title; the rest says what the files hold.
	Doc string
	// Files declares every name Export may return, relative to the
	// bundle root: a name, a path.Match pattern ("site/e/*.html")
	// or a folder ending in "/" for everything beneath it. The writer
	// refuses a name that no declaration of its exporter matches, and
	// --only replaces exactly what they match.
	Files []string
	// Export returns the files of the format. It must not read the
	// clock, the environment or anything but b, and writes nothing: one
	// writer (Write) places every file.
	Export func(b *Bundle) ([]File, error)
}

// File is one file of the bundle.
type File struct {
	Name string // slash-separated, relative to the bundle root
	Data []byte
	// WriteTo, when set, makes the file instead of Data, for a format that
	// needs a real file (SQLite): it creates path, which does not exist
	// yet, in the writer's staging folder. The writer then fixes the
	// mode, checks and syncs it.
	WriteTo func(path string) error
	// Stream, when set, writes the file's bytes to w instead of Data, for
	// a file too large to hold whole (errors.json is 140 MB at 100,000
	// entries): the writer hashes them as they pass and holds a buffer.
	// Errors of w are the writer's to report; Stream may ignore them.
	Stream func(w io.Writer) error
	// Make, when set, renders Data when the writer places the file, for
	// an exporter of many files (a page per entry): the writer then holds
	// one of them at a time, not the whole folder. The writer owns the
	// bytes Make returns, and reuses them once the file is placed: a Make
	// should append to renderBuffer().
	Make func() ([]byte, error)
	// prevSum, when set, is the checksum the file has in the previous
	// bundle, whose copy the writer then links without rendering it
	// (build --only keeps the other exporters' files).
	prevSum *[sha256.Size]byte
}

// Content is the file's bytes: Data, or what Make or Stream renders. A
// file made with WriteTo has none.
func (f File) Content() ([]byte, error) {
	switch {
	case f.Make != nil:
		return f.Make()
	case f.Stream != nil:
		var buf bytes.Buffer
		err := f.Stream(&buf)
		return buf.Bytes(), err
	}
	return f.Data, nil
}

// renderBytes is what a streaming writer (File.Stream) writes, in memory,
// for the exported functions that return a whole file.
func renderBytes(b *Bundle, write func(io.Writer, *Bundle) error) ([]byte, error) {
	return File{Stream: func(w io.Writer) error { return write(w, b) }}.Content()
}

// Declares reports whether name is one of the files e declares.
func (e *Exporter) Declares(name string) bool {
	for _, pat := range e.Files {
		if strings.HasSuffix(pat, "/") {
			if strings.HasPrefix(name, pat) {
				return true
			}
			continue
		}
		if ok, _ := path.Match(pat, name); ok {
			return true
		}
	}
	return false
}

// Bundle is everything an exporter may use.
type Bundle struct {
	Entries       []*entry.Entry // in reference order (entry.Less)
	SchemaVersion string
	// DataVersion identifies the data: by default a digest of the
	// canonical entries, so that it changes exactly when they do.
	DataVersion string
	BaseURL     string // the site's URL, ending in "/"
	RepoURL     string
	// Time is the build time (SOURCE_DATE_EPOCH); zero means none, and an
	// exporter then writes no timestamp.
	Time time.Time

	// shared is set by the writer on its own copy of the bundle: what
	// several exporters need (the llms exporter and the site both check
	// that no text breaks a line) is then computed once per build. Nil (a
	// bundle used directly) computes it each time.
	shared *shared
}

// shared computes each of its results once, for exporters running side by
// side.
type shared struct {
	oneLine func() error
}

// withShared returns a copy of b whose common results are computed once.
func withShared(b *Bundle) *Bundle {
	c := *b
	c.shared = &shared{oneLine: sync.OnceValue(func() error { return oneLine(&c) })}
	return &c
}

// formBatch is how many entries' canonical forms NewBundle holds at
// once; a variable so that a test can make batches of a few.
var formBatch = 4096

// NewBundle makes a bundle of entries (sorted here) with the project's
// URLs and a data version derived from the entries' canonical form.
func NewBundle(entries []*entry.Entry) (*Bundle, error) {
	es := make([]*entry.Entry, len(entries))
	for i, e := range entries {
		es[i] = e
		if e.Acknowledged != nil {
			// Lint metadata about the file, not the error. Only such an
			// entry is copied: at 100,000 entries, copies of all were
			// 23 MB held through the whole build.
			c := *e
			c.Acknowledged = nil
			es[i] = &c
		}
	}
	sortEntries(es)
	// The canonical forms are made on every core, a batch at a time, and
	// hashed in order: on one core they were 0.8 s of a build at 100,000
	// entries, and a batch holds only its own forms.
	h := sha256.New()
	forms := make([][]byte, min(len(es), formBatch))
	errs := make([]error, len(forms))
	for start := 0; start < len(es); start += len(forms) {
		batch := es[start:min(start+len(forms), len(es))]
		workers.Each(len(batch), func(i int) { forms[i], errs[i] = entry.Format(batch[i]) })
		for i, e := range batch {
			if errs[i] != nil {
				return nil, fmt.Errorf("entry %s: %w", e.ID, errs[i])
			}
			h.Write(forms[i])
		}
	}
	return &Bundle{
		Entries:       es,
		SchemaVersion: schema.Version,
		DataVersion:   "sha256-" + hex.EncodeToString(h.Sum(nil))[:16],
		BaseURL:       project.SiteURL,
		RepoURL:       project.RepoURL,
	}, nil
}

// URL resolves name against the base URL.
func (b *Bundle) URL(name string) string {
	return strings.TrimSuffix(b.BaseURL, "/") + "/" + name
}
