package exporters_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
	"github.com/errref/errref/loader/loadertest"
)

// update rewrites golden files: go test ./exporters -update
var update = flag.Bool("update", false, "rewrite golden files in testdata/golden")

// load builds a bundle from the checkout at root, failing on any finding.
// It links to the upstream's site and repository, as the upstream's text
// files do, so that outputs compare with them.
func load(t testing.TB, root string) *exporters.Bundle {
	t.Helper()
	b, err := exporters.NewBundle(loadertest.Load(t, root).Entries())
	if err != nil {
		t.Fatal(err)
	}
	b.BaseURL, b.RepoURL = exporters.UpstreamBaseURL, exporters.UpstreamRepoURL
	return b
}

// loadRepo is the repository's live entries, which contributors change:
// tests of them assert properties (every entry round-trips, counts
// derived from the data), never a count, an order or a text.
func loadRepo(t *testing.T) *exporters.Bundle { t.Helper(); return load(t, loadertest.Checkout(t)) }

// loadSeed is testdata/seed: the frozen copy of the 41 entries taken from
// the upstream, on which tests prove fidelity to the upstream's texts.
func loadSeed(t *testing.T) *exporters.Bundle {
	t.Helper()
	return load(t, loadertest.SeedDir(t))
}

// withoutPositions is b with every position removed, as entries added
// after the upstream's have none.
func withoutPositions(t *testing.T, b *exporters.Bundle) *exporters.Bundle {
	t.Helper()
	var es []*entry.Entry
	for _, e := range b.Entries {
		c := *e
		c.Position = 0
		es = append(es, &c)
	}
	nb, err := exporters.NewBundle(es)
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

// loadFixture is testdata/fixture: three real entries (a code range, a
// locale gap, message variants) and test-1, whose every field is hostile
// to some format (|, #, backticks, <script>, =cmd|, quotes, backslashes).
func loadFixture(t *testing.T) *exporters.Bundle {
	t.Helper()
	return load(t, "testdata/fixture")
}

// export runs one exporter into a fresh folder and returns the folder.
func export(t *testing.T, e *exporters.Exporter, b *exporters.Bundle) string {
	t.Helper()
	dir := t.TempDir()
	if err := e.Export(b, dir); err != nil {
		t.Fatalf("%s: %v", e.Name, err)
	}
	return dir
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./exporters -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from its golden file (-want +got):\n%s", name, diff)
	}
}
