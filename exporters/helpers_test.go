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

// render runs one exporter in memory and returns its files by name. A
// file that needs a path (SQLite) is made in a temporary folder.
func render(t testing.TB, e *exporters.Exporter, b *exporters.Bundle) map[string][]byte {
	t.Helper()
	files, err := e.Export(b)
	if err != nil {
		t.Fatalf("%s: %v", e.Name, err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		if f.WriteTo != nil {
			p := filepath.Join(t.TempDir(), "file")
			if err := f.WriteTo(p); err != nil {
				t.Fatalf("%s: %s: %v", e.Name, f.Name, err)
			}
			if f.Data, err = os.ReadFile(p); err != nil {
				t.Fatal(err)
			}
		} else if f.Data, err = f.Content(); err != nil {
			t.Fatalf("%s: %s: %v", e.Name, f.Name, err)
		}
		if _, dup := out[f.Name]; dup {
			t.Fatalf("%s: %s returned twice", e.Name, f.Name)
		}
		out[f.Name] = f.Data
	}
	return out
}

// export places one exporter's files in a fresh folder, for the tests
// that need paths (SQLite, browsers), and returns the folder.
func export(t testing.TB, e *exporters.Exporter, b *exporters.Bundle) string {
	t.Helper()
	dir := t.TempDir()
	if err := place(e, b, dir); err != nil {
		t.Fatalf("%s: %v", e.Name, err)
	}
	return dir
}

// place writes e's files under dir as they are, without the writer's
// marker and checksums.
func place(e *exporters.Exporter, b *exporters.Bundle, dir string) error {
	files, err := e.Export(b)
	if err != nil {
		return err
	}
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if f.WriteTo != nil {
			err = f.WriteTo(p)
		} else if f.Data, err = f.Content(); err == nil {
			err = os.WriteFile(p, f.Data, 0o644)
		}
		if err != nil {
			return err
		}
	}
	return nil
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
