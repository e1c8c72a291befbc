package release_test

import (
	"path/filepath"
	"testing"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/loader/loadertest"
)

// bundle builds the whole bundle of the seed entries with data version v
// into a fresh folder.
func bundle(t *testing.T, v string) string {
	t.Helper()
	b, err := exporters.NewBundle(loadertest.Load(t, filepath.Join("..", "testdata", "seed")).Entries())
	if err != nil {
		t.Fatal(err)
	}
	b.DataVersion = v
	dir := filepath.Join(t.TempDir(), "dist")
	if err := exporters.Write(b, exporters.All, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}
