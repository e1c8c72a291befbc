package exporters

import (
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
		data, err := marshalEnvelope(b)
		if err != nil {
			return nil, err
		}
		return []File{{Name: "errors.json", Data: data}}, nil
	},
}

// Envelope is the shape of errors.json.
type Envelope struct {
	SchemaVersion string         `json:"schema_version"`
	DataVersion   string         `json:"data_version"`
	Count         int            `json:"count"`
	Entries       []*entry.Entry `json:"entries"`
}

// marshalEnvelope renders errors.json. Its callers only read the bytes:
// with a shared bundle, the JSON exporter and the site hold the same.
func marshalEnvelope(b *Bundle) ([]byte, error) {
	if b.shared != nil {
		return b.shared.envelope()
	}
	return envelope(b)
}

func envelope(b *Bundle) ([]byte, error) {
	env := Envelope{b.SchemaVersion, b.DataVersion, len(b.Entries), b.Entries}
	if env.Entries == nil {
		env.Entries = []*entry.Entry{}
	}
	data, err := jsonv2.Marshal(env, jsontext.Multiline(true), jsontext.WithIndent("  "))
	return append(data, '\n'), err
}
