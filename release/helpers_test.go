package release_test

import (
	"os"
	"os/exec"
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

// tool finds a program the test drives; it skips without it, except
// under CI=true, where .ci/run installs it.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing", name)
		}
		t.Skipf("%s is missing", name)
	}
	return p
}
