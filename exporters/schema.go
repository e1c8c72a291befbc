package exporters

// Schema ships the entry schema, for consumers to validate against.
var Schema = &Exporter{
	Name: "schema",
	Doc: `The entry JSON Schema

entry.schema.json (draft 2020-12), byte for byte the schema errref itself
validates with.`,
	Files: []string{"entry.schema.json"},
	Export: func(b *Bundle, dir string) error {
		return writeFile(dir, "entry.schema.json", b.SchemaJSON)
	},
}
