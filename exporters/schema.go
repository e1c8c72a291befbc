package exporters

// Schema ships the entry schema, for consumers to validate against.
var Schema = &Exporter{
	Name: "schema",
	Doc: `The entry JSON Schema

entry.schema.json (draft 2020-12), byte for byte the schema errref itself
validates with.`,
	Files: []string{"entry.schema.json"},
	Export: func(b *Bundle) ([]File, error) {
		return []File{{Name: "entry.schema.json", Data: b.SchemaJSON}}, nil
	},
}
