// Package loadertest loads fixture checkouts in tests of the packages
// downstream of the loader.
package loadertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/errref/errref/loader"
)

// Root is the repository's checkout: the folder with go.mod above the
// test's working directory (go test runs a test in its package's folder).
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("no go.mod above the working directory")
		}
		dir = up
	}
}

// SeedDir is the frozen copy of the 41 entries taken from the upstream
// (testdata/seed). Tests prove fidelity to the upstream on it; the live
// entries under Root change with every data pull request.
func SeedDir(t testing.TB) string {
	t.Helper()
	return filepath.Join(Root(t), "testdata", "seed")
}

// CheckoutEnv names a checkout for the tests of the live data to read
// instead of the repository's: the end-to-end test of cmd/errref replays
// them on a copy that it changed as pull requests do.
const CheckoutEnv = "ERRREF_TEST_CHECKOUT"

// Checkout is the checkout whose entries/ the tests of the live data
// read: $ERRREF_TEST_CHECKOUT when set, else Root. Such tests assert
// properties only (every entry passes check, every exporter round-trips
// every entry), never a count, an order or a text of the live files.
func Checkout(t testing.TB) string {
	t.Helper()
	if dir := os.Getenv(CheckoutEnv); dir != "" {
		return dir
	}
	return Root(t)
}

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

// Seed loads SeedDir.
func Seed(t testing.TB) *loader.Set {
	t.Helper()
	return Load(t, SeedDir(t))
}
