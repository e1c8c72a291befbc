// Package exporters turns entries into the release bundle. Each format is
// one exported *Exporter value in a file of its own; the registry (All)
// and Write know no single format.
package exporters

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/project"
	"github.com/errref/errref/schema"
)

// Exporter writes one format of the bundle.
type Exporter struct {
	// Name is how --only selects it: "json", "csv", …
	Name string
	// Doc's first line is a title; the rest says what the files hold.
	Doc string
	// Files are the paths it writes, relative to the bundle root (a
	// trailing "/" names a folder).
	Files []string
	// Export writes the files under dir. It must not read the clock, the
	// environment or anything but b.
	Export func(b *Bundle, dir string) error
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
}

// NewBundle makes a bundle of entries (sorted here) with the project's
// URLs and a data version derived from the entries' canonical form.
func NewBundle(entries []*entry.Entry) (*Bundle, error) {
	es := make([]*entry.Entry, len(entries))
	for i, e := range entries {
		c := *e
		c.Acknowledged = nil // lint metadata about the file, not the error
		es[i] = &c
	}
	sortEntries(es)
	h := sha256.New()
	for _, e := range es {
		b, err := entry.Format(e)
		if err != nil {
			return nil, fmt.Errorf("entry %s: %w", e.ID, err)
		}
		h.Write(b)
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

// writeFile writes one bundle file, creating its folder.
func writeFile(dir, name string, data []byte) error {
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}
