package exporters

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/loader/loadertest"
)

// synthBundle is a bundle of n synthetic entries.
func synthBundle(tb testing.TB, n int) *Bundle {
	tb.Helper()
	b, err := NewBundle(loadertest.Load(tb, synthtest.Tree(tb, n)).Entries())
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestSQLiteBatches: the rows inserted in batches of any size give the
// same file, byte for byte, as the rows inserted one per INSERT; among
// them those of the full-text index, which FTS5 would lay out otherwise
// were its rows inserted among batches (see fillSearch). 300 entries
// make several batches of every table, and a last partial one.
func TestSQLiteBatches(t *testing.T) {
	b := synthBundle(t, 300)
	dir := t.TempDir()
	var want []byte
	for _, batch := range []int{1, 7, sqliteBatch} {
		path := filepath.Join(dir, fmt.Sprint(batch))
		if err := buildSQLiteBatch(b, path, batch); err != nil {
			t.Fatalf("batches of %d: %v", batch, err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
			continue
		}
		if !bytes.Equal(want, got) {
			t.Errorf("batches of %d give another file than single rows: %d and %d bytes, first difference at byte %d", batch, len(got), len(want), firstDiff(want, got))
		}
	}
}

// firstDiff is the offset of the first byte where a and b differ, for
// messages about two files that should be the same.
func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// BenchmarkSQLiteBatch builds the database of 1,000 synthetic entries
// with one row per INSERT and with the exporter's batches.
func BenchmarkSQLiteBatch(b *testing.B) {
	const n = 1000
	bundle := synthBundle(b, n)
	dir := b.TempDir()
	for _, batch := range []int{1, sqliteBatch} {
		b.Run(fmt.Sprint(batch), func(b *testing.B) {
			b.ReportAllocs()
			cpu := synthtest.StartCPU()
			path := filepath.Join(dir, fmt.Sprint(batch))
			for b.Loop() {
				if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
					b.Fatal(err)
				}
				if err := buildSQLiteBatch(bundle, path, batch); err != nil {
					b.Fatal(err)
				}
			}
			cpu.PerEntry(b, n)
		})
	}
}
