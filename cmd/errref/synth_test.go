package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/internal/synth"
	"github.com/errref/errref/loader/loadertest"
)

// TestSynthPasses checks that the synthetic references the benchmarks
// run on are what a contributor could commit: errref check finds no
// error, errref fmt --check finds nothing to rewrite.
func TestSynthPasses(t *testing.T) {
	seed, err := synth.LoadSeed(filepath.Join(loadertest.Root(t), synth.SeedDir))
	if err != nil {
		t.Fatal(err)
	}
	es, err := synth.Generate(seed, synth.Options{N: 400, Seed: 3, Verbatim: 0.2, Gaps: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := synth.Write(dir, es); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check"}, {"fmt", "--check"}} {
		ios, stdout, stderr := iostreams.Test()
		code := run(append([]string{"-C", dir}, args...), &Deps{IO: ios, Getenv: func(string) string { return "" }})
		if code != exitOK {
			var errs []string
			for _, l := range strings.Split(stdout.String(), "\n") {
				if strings.Contains(l, ": error: ") {
					errs = append(errs, l)
				}
			}
			t.Errorf("errref %s: exit %d, want 0\n%s\n%s", strings.Join(args, " "), code, strings.Join(errs, "\n"), stderr)
		}
	}
}

// TestSynthOutputLinear checks that what check prints grows with the
// number of entries, not its square, when every clone keeps its seed's
// message, so that groups of entries sharing one grow with N too.
func TestSynthOutputLinear(t *testing.T) {
	seed, err := synth.LoadSeed(filepath.Join(loadertest.Root(t), synth.SeedDir))
	if err != nil {
		t.Fatal(err)
	}
	size := map[int]int{}
	for _, n := range []int{300, 600} {
		es, err := synth.Generate(seed, synth.Options{N: n, Seed: 5, Verbatim: 1})
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := synth.Write(dir, es); err != nil {
			t.Fatal(err)
		}
		ios, stdout, stderr := iostreams.Test()
		if code := run([]string{"-C", dir, "check", "-v", "--format", "json"}, &Deps{IO: ios, Getenv: func(string) string { return "" }}); code != exitOK {
			t.Fatalf("check -v on %d entries: exit %d\n%s", n, code, stderr)
		}
		size[n] = stdout.Len()
	}
	if r := float64(size[600]) / float64(size[300]); r > 2.2 {
		t.Errorf("check -v prints %d bytes for 300 entries and %d for 600: %.2f times as much for twice the entries; want at most 2.2", size[300], size[600], r)
	}
}
