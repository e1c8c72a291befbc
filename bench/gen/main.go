// Command gen writes a synthetic reference for benchmarks: N valid entries
// cloned and varied from the frozen seed (package synth).
//
//	go run ./bench/gen -n 10000 -o /tmp/ref10k   # writes /tmp/ref10k/entries/
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/errref/errref/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of entries")
	seed := flag.Uint64("seed", 1, "random seed: the same seed gives the same files")
	verbatim := flag.Float64("verbatim", 0.05, "share of clones that keep the seed's message word for word")
	gaps := flag.Float64("gaps", 0.03, "share of clones without a note that get locale gaps")
	from := flag.String("from", synth.SeedDir, "checkout holding the seed entries/")
	out := flag.String("o", "", "checkout to create; entries/ is written inside and must not exist")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N -o DIR [-seed S] [-verbatim F] [-gaps F] [-from DIR]")
		os.Exit(2)
	}
	seedEntries, err := synth.LoadSeed(*from)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	es, err := synth.Generate(seedEntries, synth.Options{N: *n, Seed: *seed, Verbatim: *verbatim, Gaps: *gaps})
	if err == nil {
		err = synth.Write(*out, es)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	fmt.Fprintf(os.Stderr, "wrote %d entries to %s/entries\n", len(es), *out)
}
