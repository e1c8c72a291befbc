package loader

import (
	"os"
	"testing"

	"github.com/errref/errref/internal/synth/synthtest"
)

// benchN is the size of the synthetic reference the stage benchmarks use.
const benchN = 1000

// BenchmarkSynthLoad is the whole loader on 1,000 synthetic entries:
// read, tokenize, validate, decode.
func BenchmarkSynthLoad(b *testing.B) {
	fsys := os.DirFS(synthtest.Tree(b, benchN))
	b.ReportAllocs()
	cpu := synthtest.StartCPU()
	for b.Loop() {
		set, err := Load(fsys)
		if err != nil || len(set.Diags) > 0 {
			b.Fatal(err, set.Diags)
		}
	}
	cpu.PerEntry(b, benchN)
}

// BenchmarkSynthStages times each step Parse takes, on files already read.
func BenchmarkSynthStages(b *testing.B) {
	set, err := Load(os.DirFS(synthtest.Tree(b, benchN)))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		cpu := synthtest.StartCPU()
		for b.Loop() {
			for _, f := range set.Files {
				if _, ds := Parse(f.Path, f.bytes()); len(ds) > 0 {
					b.Fatal(ds)
				}
			}
		}
		cpu.PerEntry(b, benchN)
	})
	b.Run("index", func(b *testing.B) {
		b.ReportAllocs()
		cpu := synthtest.StartCPU()
		for b.Loop() {
			for _, f := range set.Files {
				g := &File{Path: f.Path, kept: &kept{data: f.bytes()}}
				if d := g.index(); d != nil {
					b.Fatal(d)
				}
			}
		}
		cpu.PerEntry(b, benchN)
	})
	b.Run("validate", func(b *testing.B) { // decoding to any included
		b.ReportAllocs()
		cpu := synthtest.StartCPU()
		for b.Loop() {
			for _, f := range set.Files {
				if ds := f.validate(); len(ds) > 0 {
					b.Fatal(ds)
				}
			}
		}
		cpu.PerEntry(b, benchN)
	})
}
