// Package synthtest gives benchmarks a synthetic checkout of n entries
// (package synth) in a temporary folder, and reports per-entry costs.
package synthtest

import (
	"path/filepath"
	"runtime"
	"testing"
	"time"

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

// CPU measures the processor time a benchmark uses, on every core: on a
// shared machine wall time is mostly other jobs' noise, processor time
// much less so. Start it before the b.Loop loop, report after.
type CPU struct{ start time.Duration }

// StartCPU starts measuring.
func StartCPU() CPU { return CPU{cpuTime()} }

// PerEntry reports ns/entry (wall) and cpu-ns/entry (user and system
// time of the whole process, garbage collection included).
func (c CPU) PerEntry(b *testing.B, n int) {
	PerEntry(b, n)
	b.ReportMetric(float64((cpuTime()-c.start).Nanoseconds())/float64(b.N)/float64(n), "cpu-ns/entry")
}
