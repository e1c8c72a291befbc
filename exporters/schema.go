package exporters

import (
	"slices"

	"github.com/errref/errref/project"
	"github.com/errref/errref/schema"
)

// Schema ships the JSON Schemas, for consumers to validate against: at the
// bundle's root, and in the site at the path of their $id, so that the $id
// resolves once the site is published at project.SiteURL.
var Schema = &Exporter{
	Name: "schema",
	Doc: `The JSON Schemas (draft 2020-12)

entry.schema.json, byte for byte the schema errref itself validates entries
with, and errors.schema.json, the schema of errors.json. The site holds
both at the path of their $id, site/schema/<version>/, and every earlier
version kept in schema/released/, so that an old bundle's $id still
resolves.`,
	Files:  []string{schema.Name, schema.EnvelopeName, "site/schema/"},
	Export: func(b *Bundle) ([]File, error) { return schemaFiles(schema.Files, schema.Released), nil },
}

// schemaFiles places the current schemas at the bundle's root and in the
// site, and the released ones in the site only.
func schemaFiles(current, released []schema.File) []File {
	var files []File
	for _, f := range current {
		files = append(files, File{Name: f.Name, Data: f.JSON})
	}
	for _, f := range slices.Concat(current, released) {
		files = append(files, File{Name: "site/" + project.SchemaPath(f.Version, f.Name), Data: f.JSON})
	}
	return files
}
