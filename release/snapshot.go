// Package release holds what the release job and downstream projects do
// with a built bundle: compare two states of the data (Diff), pack a
// bundle into reproducible archives with a checksum file (Pack), and check
// a downloaded bundle (Verify).
package release

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/errref/errref/loader"
	"github.com/errref/errref/schema"
)

// Snapshot is one state of the data: a bundle's errors.json or a
// checkout's entries/. Entries are kept as decoded JSON, not as the Go
// model, so that a state written under an older schema still compares.
type Snapshot struct {
	// Name is what reports call it: a bundle's data version, or the name
	// of a checkout's folder.
	Name          string
	SchemaVersion string
	DataVersion   string // "" for a checkout
	Entries       map[string]map[string]any
	// Schemas are the schema files the snapshot has, by name
	// (entry.schema.json, errors.schema.json): beside a bundle's
	// errors.json, in a checkout's schema/.
	Schemas map[string][]byte
	// Published are the schema files published at each version's $id,
	// by version then name: a bundle's site/schema/<version>/, a
	// checkout's current schemas and schema/released/<version>/. Nil when
	// the snapshot publishes none (a bundle built without the site).
	Published map[string]map[string][]byte
}

// readPublished reads the <version>/<name> schema files under dir of fsys,
// if dir exists.
func (s *Snapshot) readPublished(fsys fs.FS, dir string) error {
	if _, err := fs.Stat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	names, err := fs.Glob(fsys, path.Join(dir, "*", "*.schema.json"))
	if err != nil {
		return err
	}
	if s.Published == nil {
		s.Published = map[string]map[string][]byte{}
	}
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return err
		}
		v := path.Base(path.Dir(n))
		if s.Published[v] == nil {
			s.Published[v] = map[string][]byte{}
		}
		s.Published[v][path.Base(n)] = data
	}
	return nil
}

// readSchemas reads the schema files in dir of fsys that are there.
func (s *Snapshot) readSchemas(fsys fs.FS, dir string) error {
	s.Schemas = map[string][]byte{}
	for _, f := range schema.Files {
		data, err := fs.ReadFile(fsys, path.Join(dir, f.Name))
		switch {
		case err == nil:
			s.Schemas[f.Name] = data
		case !errors.Is(err, fs.ErrNotExist):
			return err
		}
	}
	return nil
}

// Load reads the snapshot at dir: a bundle when dir holds errors.json,
// a checkout when it holds entries/.
func Load(dir string) (*Snapshot, error) {
	fsys := os.DirFS(dir)
	data, err := fs.ReadFile(fsys, "errors.json")
	switch {
	case err == nil:
		s, err := fromEnvelope(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path.Join(dir, "errors.json"), err)
		}
		s.Name = s.DataVersion
		if err := s.readSchemas(fsys, "."); err != nil {
			return nil, err
		}
		if err := s.readPublished(fsys, "site/schema"); err != nil {
			return nil, err
		}
		return s, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	if fi, err := fs.Stat(fsys, loader.Dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("%s: neither a bundle (errors.json) nor a checkout (%s/)", dir, loader.Dir)
	}
	return fromCheckout(fsys, dir)
}

func fromEnvelope(data []byte) (*Snapshot, error) {
	var env struct {
		SchemaVersion string           `json:"schema_version"`
		DataVersion   string           `json:"data_version"`
		Entries       []map[string]any `json:"entries"`
	}
	if err := decode(data, &env); err != nil {
		return nil, err
	}
	s := &Snapshot{SchemaVersion: env.SchemaVersion, DataVersion: env.DataVersion, Entries: map[string]map[string]any{}}
	for i, e := range env.Entries {
		if err := s.add(e, fmt.Sprintf("entries[%d]", i)); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// fromCheckout reads entries/*.json without validating them against
// today's schema: an old checkout is compared as it was written.
func fromCheckout(fsys fs.FS, dir string) (*Snapshot, error) {
	s := &Snapshot{Entries: map[string]map[string]any{}}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	s.Name = filepath.Base(abs)
	if s.SchemaVersion, err = checkoutSchemaVersion(fsys); err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	if err := s.readSchemas(fsys, "schema"); err != nil {
		return nil, err
	}
	if err := s.readPublished(fsys, "schema/released"); err != nil {
		return nil, err
	}
	if s.Published != nil {
		s.Published[s.SchemaVersion] = s.Schemas
	}
	names, err := fs.Glob(fsys, loader.Dir+"/*.json")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		var e map[string]any
		if err := decode(data, &e); err != nil {
			return nil, fmt.Errorf("%s: %w", path.Join(dir, name), err)
		}
		// Lint metadata about the file, which no bundle carries
		// (exporters.NewBundle drops it): not a change to the data.
		delete(e, "acknowledged")
		if err := s.add(e, path.Join(dir, name)); err != nil {
			return nil, err
		}
	}
	return s, nil
}

var versionKeyword = regexp.MustCompile(`"version"\s*:\s*"([^"]+)"`)

// checkoutSchemaVersion is the version in the checkout's schema $id, or
// in its "version" keyword, which schemas before 1.0.0 was published had.
func checkoutSchemaVersion(fsys fs.FS) (string, error) {
	data, err := fs.ReadFile(fsys, "schema/"+schema.Name)
	if err != nil {
		return "", err
	}
	var head struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return "", fmt.Errorf("schema/%s: %w", schema.Name, err)
	}
	if v, err := schema.VersionOf(head.ID); err == nil {
		return v, nil
	}
	if m := versionKeyword.FindSubmatch(data); m != nil {
		return string(m[1]), nil
	}
	return "", fmt.Errorf("schema/%s: no version in $id %q", schema.Name, head.ID)
}

func (s *Snapshot) add(e map[string]any, where string) error {
	id, _ := e["id"].(string)
	if id == "" {
		return fmt.Errorf("%s: no id", where)
	}
	if _, dup := s.Entries[id]; dup {
		return fmt.Errorf("%s: id %q twice", where, id)
	}
	s.Entries[id] = e
	return nil
}

// IDs lists the snapshot's ids, sorted.
func (s *Snapshot) IDs() []string {
	ids := make([]string, 0, len(s.Entries))
	for id := range s.Entries {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// decode reads one JSON document, keeping numbers exact.
func decode(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("unexpected data after the top-level value")
	}
	return nil
}

// str is e[key] as a string on one line (an unvalidated file may hold
// line breaks), "" when absent or not a string.
func str(e map[string]any, key string) string {
	s, _ := e[key].(string)
	return strings.Join(strings.Fields(s), " ")
}
