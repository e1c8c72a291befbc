package exporters_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/synth/synthtest"
)

const benchN = 1000

// BenchmarkSynthExport times every exporter alone, and the whole bundle
// (every exporter, checksums, atomic replacement), on 1,000 synthetic
// entries.
func BenchmarkSynthExport(b *testing.B) {
	bundle := load(b, synthtest.Tree(b, benchN))
	dir := b.TempDir()
	for _, e := range exporters.All {
		b.Run(e.Name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := synthtest.StartCPU()
			for b.Loop() {
				out := filepath.Join(dir, e.Name)
				if err := os.RemoveAll(out); err != nil {
					b.Fatal(err)
				}
				if err := os.MkdirAll(out, 0o755); err != nil {
					b.Fatal(err)
				}
				if err := place(e, bundle, out); err != nil {
					b.Fatal(err)
				}
			}
			cpu.PerEntry(b, benchN)
		})
	}
	b.Run("bundle", func(b *testing.B) {
		b.ReportAllocs()
		cpu := synthtest.StartCPU()
		for b.Loop() {
			if err := exporters.Write(bundle, exporters.All, filepath.Join(dir, "dist")); err != nil {
				b.Fatal(err)
			}
		}
		cpu.PerEntry(b, benchN)
	})
}
