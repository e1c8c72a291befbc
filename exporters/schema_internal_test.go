package exporters

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/schema"
)

// TestSchemaFilesReleased: the current schemas go to the bundle's root and
// to the site; a released version goes to the site only, in the folder of
// its version, byte for byte.
func TestSchemaFilesReleased(t *testing.T) {
	old := schema.File{Name: schema.Name, ID: "https://example.org/schema/0.9.0/entry.schema.json", Version: "0.9.0", JSON: []byte(`{"old": true}`)}
	got := map[string]string{}
	for _, f := range schemaFiles(schema.Files, []schema.File{old}) {
		got[f.Name] = string(f.Data)
	}
	want := map[string]string{
		schema.Name:         string(schema.JSON),
		schema.EnvelopeName: string(schema.EnvelopeJSON),
		"site/schema/" + schema.Version + "/" + schema.Name:         string(schema.JSON),
		"site/schema/" + schema.Version + "/" + schema.EnvelopeName: string(schema.EnvelopeJSON),
		"site/schema/0.9.0/entry.schema.json":                       `{"old": true}`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("schema files (-want +got):\n%s", diff)
	}
	for name := range got {
		if !Schema.Declares(name) {
			t.Errorf("%s is not declared by the schema exporter", name)
		}
	}
}
