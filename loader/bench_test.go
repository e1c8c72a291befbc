package loader_test

import (
	"os"
	"testing"

	"github.com/errref/errref/loader"
)

// BenchmarkLoad reads, tokenizes, validates and decodes the repository's
// entries: the fixed cost of every check and build.
func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS("..")
	for b.Loop() {
		set, err := loader.Load(fsys)
		if err != nil || len(set.Diags) > 0 {
			b.Fatal(err, set.Diags)
		}
	}
}
