package main

import (
	"path/filepath"
	"testing"

	"github.com/errref/errref/internal/iostreams"
	"github.com/errref/errref/internal/synth/synthtest"
)

const benchN = 1000

// BenchmarkSynthCommands runs whole commands in process on 1,000
// synthetic entries: what CI pays per pull request, minus process start.
func BenchmarkSynthCommands(b *testing.B) {
	root := synthtest.Tree(b, benchN)
	out := filepath.Join(b.TempDir(), "dist")
	for _, c := range []struct {
		name string
		args []string
	}{
		{"check", []string{"check"}},
		{"build", []string{"build", "-o", out}},
		{"build-json", []string{"build", "-o", out, "--only", "json"}},
		{"fmt-check", []string{"fmt", "--check"}},
	} {
		args := c.args
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := synthtest.StartCPU()
			for b.Loop() {
				ios, _, stderr := iostreams.Test()
				if code := run(append([]string{"-C", root}, args...), &Deps{IO: ios, Getenv: func(string) string { return "" }}); code != exitOK {
					b.Fatalf("exit %d: %s", code, stderr)
				}
			}
			cpu.PerEntry(b, benchN)
		})
	}
}
