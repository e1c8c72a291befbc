// Package synthtest gives benchmarks a synthetic checkout of n entries
// (package synth) in a temporary folder, and reports per-entry costs.
package synthtest

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/errref/errref/internal/synth"
)

// Options are the generator settings the benchmarks share: realistic
// groups of shared messages, some locale gaps.
var Options = synth.Options{Seed: 1, Verbatim: 0.05, Gaps: 0.03}

// Tree writes a checkout of n synthetic entries and returns its root.
func Tree(tb testing.TB, n int) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	seed, err := synth.LoadSeed(filepath.Join(filepath.Dir(file), "..", "..", "..", synth.SeedDir))
	if err != nil {
		tb.Fatal(err)
	}
	opts := Options
	opts.N = n
	es, err := synth.Generate(seed, opts)
	if err != nil {
		tb.Fatal(err)
	}
	root := tb.TempDir()
	if err := synth.Write(root, es); err != nil {
		tb.Fatal(err)
	}
	return root
}

// PerEntry reports the time per entry of a benchmark over n entries;
// call it after the b.Loop loop.
func PerEntry(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/entry")
}
