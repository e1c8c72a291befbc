// Package schema embeds the JSON Schemas shipped in the bundle: the entry
// schema, the single source of truth for the shape of an entry, and the
// schema of the errors.json envelope. It compiles them once.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"sync"

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
	Name string
	ID   string // its $id
	JSON []byte
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
var Files = []File{{Name, ID, JSON}, {EnvelopeName, EnvelopeID, EnvelopeJSON}}

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
	out, err := compile()
	for _, s := range out {
		speedUp(s)
	}
	return out, err
})

// compile compiles the embedded schemas as the library does.
func compile() (map[string]*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	for _, f := range Files {
		if err := c.AddResource(f.ID, bytes.NewReader(f.JSON)); err != nil {
			return nil, err
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, f := range Files {
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
