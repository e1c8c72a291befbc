// Package schema embeds the JSON Schemas shipped in the bundle: the entry
// schema, the single source of truth for the shape of an entry, and the
// schema of the errors.json envelope. It compiles them once.
package schema

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/errref/errref/project"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// JSON is entry.schema.json as shipped in the bundle.
//
//go:embed entry.schema.json
var JSON []byte

// EnvelopeJSON is errors.schema.json, the schema of errors.json.
//
//go:embed errors.schema.json
var EnvelopeJSON []byte

// File names of the schemas in the bundle and beside their $id.
const (
	Name         = "entry.schema.json"
	EnvelopeName = "errors.schema.json"
)

// A File is one shipped schema.
type File struct {
	Name    string
	ID      string // its $id
	Version string // the schema version it belongs to: Version, or its folder in released/
	JSON    []byte
}

// ID is the entry schema's $id, and Version the version segment in it
// (the schema carries no keyword of its own for it); EnvelopeID is the
// envelope schema's $id.
var (
	ID         = head(JSON).ID
	EnvelopeID = head(EnvelopeJSON).ID
	Version    = mustVersion(ID)
	// DataVersion is the pattern of errors.json's data_version, as the
	// envelope schema states it.
	DataVersion = regexp.MustCompile(head(EnvelopeJSON).Properties.DataVersion.Pattern)
)

// Files are the shipped schemas, entry schema first.
var Files = []File{{Name, ID, Version, JSON}, {EnvelopeName, EnvelopeID, Version, EnvelopeJSON}}

// released holds the files of earlier schema versions, as
// released/<version>/<name> (released/README.md says when to add them).
//
//go:embed released
var released embed.FS

// Released are the schemas of earlier versions, byte for byte as they were
// released, by version then name, so that their $id keeps resolving on
// the site (the schema exporter publishes them). TestReleased checks them.
var Released = mustReleased()

func mustReleased() []File {
	names, err := fs.Glob(released, "released/*/*.schema.json")
	if err != nil {
		panic("schema: " + err.Error())
	}
	var out []File
	for _, n := range names { // fs.Glob sorts
		data, err := released.ReadFile(n)
		if err != nil {
			panic("schema: " + err.Error())
		}
		out = append(out, File{Name: path.Base(n), ID: head(data).ID, Version: path.Base(path.Dir(n)), JSON: data})
	}
	return out
}

type header struct {
	ID         string `json:"$id"`
	Properties struct {
		DataVersion struct {
			Pattern string `json:"pattern"`
		} `json:"data_version"`
	} `json:"properties"`
}

func head(data []byte) header {
	var h header
	if err := json.Unmarshal(data, &h); err != nil {
		panic(fmt.Sprintf("schema: embedded schema is not JSON: %v", err))
	}
	return h
}

var idVersion = regexp.MustCompile(`/schema/([0-9]+\.[0-9]+\.[0-9]+)/[^/]+$`)

// VersionOf is the version segment of a schema $id.
func VersionOf(id string) (string, error) {
	m := idVersion.FindStringSubmatch(id)
	if m == nil {
		return "", fmt.Errorf("$id %q has no /schema/<major>.<minor>.<patch>/ segment", id)
	}
	return m[1], nil
}

func mustVersion(id string) string {
	v, err := VersionOf(id)
	if err != nil {
		panic("schema: " + err.Error())
	}
	return v
}

var compiled = sync.OnceValues(func() (map[string]*jsonschema.Schema, error) {
	out, err := compile(Files)
	for _, s := range out {
		speedUp(s)
	}
	return out, err
})

// compile compiles one version's schemas as the library does.
func compile(files []File) (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	for _, f := range files {
		if err := c.AddResource(f.ID, bytes.NewReader(f.JSON)); err != nil {
			return nil, err
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, f := range files {
		s, err := c.Compile(f.ID)
		if err != nil {
			return nil, err
		}
		out[f.ID] = s
	}
	return out, nil
}

func mustCompiled(id string) *jsonschema.Schema {
	s, err := compiled()
	if err != nil {
		// The schemas are embedded and tested; failing here is a build bug.
		panic(fmt.Sprintf("schema: compile embedded schema: %v", err))
	}
	return s[id]
}

// Compiled returns the compiled entry schema; it compiles on first use.
func Compiled() *jsonschema.Schema { return mustCompiled(ID) }

// CompiledEnvelope returns the compiled schema of errors.json.
func CompiledEnvelope() *jsonschema.Schema { return mustCompiled(EnvelopeID) }

// CheckReleased checks released schema files against the current
// version: each is kept in the folder of the version its $id names, at the
// project's address for it; that version is older than current; and each
// version holds both schemas, which compile together.
func CheckReleased(released []File, current string) error {
	var errs []error
	byVersion := map[string][]File{}
	for _, f := range released {
		byVersion[f.Version] = append(byVersion[f.Version], f)
		v, err := VersionOf(f.ID)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("released/%s/%s: %w", f.Version, f.Name, err))
			continue
		case v != f.Version:
			errs = append(errs, fmt.Errorf("released/%s/%s: $id names version %s; want the file in released/%s/", f.Version, f.Name, v, v))
		case f.ID != project.SchemaURL(v, f.Name):
			errs = append(errs, fmt.Errorf("released/%s/%s: $id %q; want %q", f.Version, f.Name, f.ID, project.SchemaURL(v, f.Name)))
		}
		if !older(f.Version, current) {
			errs = append(errs, fmt.Errorf("released/%s/%s: found version %s; want one older than the current %s", f.Version, f.Name, f.Version, current))
		}
	}
	for _, v := range slices.Sorted(maps.Keys(byVersion)) {
		files := byVersion[v]
		var names []string
		for _, f := range files {
			names = append(names, f.Name)
		}
		slices.Sort(names)
		if !slices.Equal(names, []string{Name, EnvelopeName}) {
			errs = append(errs, fmt.Errorf("released/%s: found %q; want %s and %s", v, names, Name, EnvelopeName))
			continue
		}
		if _, err := compile(files); err != nil {
			errs = append(errs, fmt.Errorf("released/%s: %w", v, err))
		}
	}
	return errors.Join(errs...)
}

// older reports whether version a comes before b; a version that does not
// parse is never older.
func older(a, b string) bool {
	va, aok := ParseVersion(a)
	vb, bok := ParseVersion(b)
	return aok && bok && slices.Compare(va[:], vb[:]) < 0
}

// ParseVersion reads MAJOR.MINOR.PATCH, with or without a leading "v"
// (a schema's version, a release tag).
func ParseVersion(v string) ([3]int, bool) {
	var out [3]int
	parts := strings.Split(strings.TrimPrefix(v, "v"), ".")
	if len(parts) != 3 {
		return out, false
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return out, false
		}
		out[i] = n
	}
	return out, true
}
