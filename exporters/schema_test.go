package exporters_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/project"
	"github.com/errref/errref/schema"
)

// TestSchemaFiles: both schemas at the bundle's root, and in the site at
// the path of their $id under the project's site URL, byte for byte.
func TestSchemaFiles(t *testing.T) {
	dir := export(t, exporters.Schema, loadFixture(t))
	for _, f := range schema.Files {
		rel, ok := strings.CutPrefix(f.ID, project.SiteURL)
		if !ok {
			t.Fatalf("%s: $id %s is not under %s", f.Name, f.ID, project.SiteURL)
		}
		for _, p := range []string{f.Name, "site/" + rel} {
			got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil {
				t.Error(err)
				continue
			}
			if !bytes.Equal(got, f.JSON) {
				t.Errorf("%s differs from the embedded %s", p, f.Name)
			}
		}
	}
}
