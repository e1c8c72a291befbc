package entry

import (
	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// Format renders e in the canonical form of an entry file: keys in schema
// order, two-space indent, no HTML escaping, a trailing newline. Formatting
// a formatted file changes no byte.
func Format(e *Entry) ([]byte, error) {
	b, err := jsonv2.Marshal(e, jsontext.Multiline(true), jsontext.WithIndent("  "))
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
