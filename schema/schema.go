// Package schema embeds the entry JSON Schema, the single source of truth
// for the shape of an entry, and compiles it once.
package schema

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"
)

// JSON is entry.schema.json as shipped in the bundle.
//
//go:embed entry.schema.json
var JSON []byte

// Version is the schema's "version" keyword; ID its "$id".
var Version, ID = func() (string, string) {
	var head struct {
		Version string `json:"version"`
		ID      string `json:"$id"`
	}
	if err := json.Unmarshal(JSON, &head); err != nil {
		panic(fmt.Sprintf("schema: embedded schema is not JSON: %v", err))
	}
	return head.Version, head.ID
}()

var compiled = sync.OnceValues(func() (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	c.AssertFormat = true
	if err := c.AddResource(ID, bytes.NewReader(JSON)); err != nil {
		return nil, err
	}
	return c.Compile(ID)
})

// Compiled returns the compiled schema; it compiles on first use only.
func Compiled() *jsonschema.Schema {
	s, err := compiled()
	if err != nil {
		// The schema is embedded and tested; failing here is a build bug.
		panic(fmt.Sprintf("schema: compile embedded schema: %v", err))
	}
	return s
}
