package exporters

import (
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
both at the path of their $id: site/schema/<version>/.`,
	Files: []string{schema.Name, schema.EnvelopeName, "site/" + project.SchemaPath(schema.Version, "")},
	Export: func(b *Bundle) ([]File, error) {
		var files []File
		for _, f := range schema.Files {
			for _, name := range []string{f.Name, "site/" + project.SchemaPath(schema.Version, f.Name)} {
				files = append(files, File{Name: name, Data: f.JSON})
			}
		}
		return files, nil
	},
}
