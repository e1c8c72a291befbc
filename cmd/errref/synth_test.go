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
