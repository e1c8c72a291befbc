package checks_test

import (
	"os"
	"testing"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/loader"
)

const benchN = 1000

// BenchmarkSynthRules times every rule alone, and all of them, on 1,000
// synthetic entries already loaded.
func BenchmarkSynthRules(b *testing.B) {
	set, err := loader.Load(os.DirFS(synthtest.Tree(b, benchN)))
	if err != nil || len(set.Diags) > 0 {
		b.Fatal(err, set.Diags)
	}
	bench := func(rules []*checks.Rule) func(b *testing.B) {
		return func(b *testing.B) {
			b.ReportAllocs()
			cpu := synthtest.StartCPU()
			for b.Loop() {
				checks.Run(rules, set)
			}
			cpu.PerEntry(b, benchN)
		}
	}
	for _, r := range checks.All {
		b.Run(r.Name, bench([]*checks.Rule{r}))
	}
	b.Run("all", bench(checks.All))
}
