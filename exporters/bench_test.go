package exporters_test

import (
	"path/filepath"
	"testing"

	"github.com/errref/errref/exporters"
)

// BenchmarkWrite builds the whole bundle of the repository's entries,
// every exporter plus checksums and the atomic rename.
func BenchmarkWrite(b *testing.B) {
	bundle := load(b, "..")
	dir := b.TempDir()
	for b.Loop() {
		if err := exporters.Write(bundle, exporters.All, filepath.Join(dir, "dist")); err != nil {
			b.Fatal(err)
		}
	}
}
