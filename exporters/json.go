package exporters

import (
	"io"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/errref/errref/entry"
)

// JSON writes errors.json: every entry, in the schema's shape, inside an
// envelope that says which schema and which data it is.
var JSON = &Exporter{
	Name: "json",
	Doc: `All entries as one JSON document

An object {schema_version, data_version, count, entries}, described by
errors.schema.json; entries are in reference order and each has the shape
of entry.schema.json.`,
	Files: []string{"errors.json"},
	Export: func(b *Bundle) ([]File, error) {
		return []File{envelopeFile(b, "errors.json")}, nil
	},
}

// Envelope is the shape of errors.json.
type Envelope struct {
	SchemaVersion string         `json:"schema_version"`
	DataVersion   string         `json:"data_version"`
	Count         int            `json:"count"`
	Entries       []*entry.Entry `json:"entries"`
}

// envelopeFile is errors.json under the name name, written as it
// renders: it is 140 MB at 100,000 entries, and the site carries a copy.
func envelopeFile(b *Bundle, name string) File {
	return File{Name: name, Stream: func(w io.Writer) error { return writeEnvelope(w, b) }}
}

// writeEnvelope writes errors.json to w.
func writeEnvelope(w io.Writer, b *Bundle) error {
	env := Envelope{b.SchemaVersion, b.DataVersion, len(b.Entries), b.Entries}
	if env.Entries == nil {
		env.Entries = []*entry.Entry{}
	}
	// MarshalWrite flushes to w as it goes, entry after entry.
	if err := jsonv2.MarshalWrite(w, env, jsontext.Multiline(true), jsontext.WithIndent("  ")); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
