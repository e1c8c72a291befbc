// Package loadertest loads fixture checkouts in tests of the packages
// downstream of the loader.
package loadertest

import (
	"os"
	"testing"

	"github.com/errref/errref/loader"
)

// Load reads the checkout at root and fails the test on any loader
// finding: fixtures hold valid entries, so that only what is under test
// may object to them.
func Load(t testing.TB, root string) *loader.Set {
	t.Helper()
	set, err := loader.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range set.Diags {
		t.Errorf("%s", d)
	}
	return set
}
