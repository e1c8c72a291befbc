package exporters_test

import (
	"io"
	"testing"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/synth/synthtest"
)

// BenchmarkSiteRender renders the site of 1,000 synthetic entries as the
// writer does, without its file system work: the files alone (files), site/index.html into
// io.Discard (index), every entry's own page in memory (pages), and both in
// the writer's order (site), which is what a build does. It isolates the
// templates' cost, which creating 1,000 files hides in
// BenchmarkSynthExport/site.
func BenchmarkSiteRender(b *testing.B) {
	bundle := load(b, synthtest.Tree(b, benchN))
	run := func(b *testing.B, index, pages bool) {
		b.ReportAllocs()
		cpu := synthtest.StartCPU()
		for b.Loop() {
			files, err := exporters.SiteFiles(bundle)
			if err != nil {
				b.Fatal(err)
			}
			for _, f := range files {
				switch {
				case f.Stream != nil && f.Name == "site/index.html" && index:
					if err := f.Stream(io.Discard); err != nil {
						b.Fatal(err)
					}
				case f.Make != nil && pages:
					if _, err := f.Content(); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		cpu.PerEntry(b, benchN)
	}
	b.Run("files", func(b *testing.B) { run(b, false, false) })
	b.Run("index", func(b *testing.B) { run(b, true, false) })
	b.Run("pages", func(b *testing.B) { run(b, false, true) })
	b.Run("site", func(b *testing.B) { run(b, true, true) })
}
