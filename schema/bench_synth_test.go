package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/errref/errref/internal/jsontree"
	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/schema"
)

const benchN = 1000

// BenchmarkSynthSchema times schema validation alone on 1,000 synthetic
// entries already decoded, and the decoding it needs, apart.
func BenchmarkSynthSchema(b *testing.B) {
	root := synthtest.Tree(b, benchN)
	paths, err := filepath.Glob(filepath.Join(root, "entries", "*.json"))
	if err != nil || len(paths) != benchN {
		b.Fatal(err, len(paths))
	}
	var datas [][]byte
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		datas = append(datas, data)
	}
	decode := func(data []byte) any {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			b.Fatal(err)
		}
		return v
	}
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		cpu := synthtest.StartCPU()
		for b.Loop() {
			for _, d := range datas {
				decode(d)
			}
		}
		cpu.PerEntry(b, benchN)
	})
	var vs []any
	for _, d := range datas {
		vs = append(vs, decode(d))
	}
	s := schema.Compiled()
	b.Run("validate", func(b *testing.B) {
		b.ReportAllocs()
		cpu := synthtest.StartCPU()
		for b.Loop() {
			for _, v := range vs {
				if err := s.Validate(v); err != nil {
					b.Fatal(err)
				}
			}
		}
		cpu.PerEntry(b, benchN)
	})
}

// BenchmarkSynthQuick is the quick validator on the loader's fast path
// (schema.ValidValue, on each file parsed into a jsontree.Tree), which the
// library checks only when it says no.
func BenchmarkSynthQuick(b *testing.B) {
	root := synthtest.Tree(b, benchN)
	paths, err := filepath.Glob(filepath.Join(root, "entries", "*.json"))
	if err != nil || len(paths) != benchN {
		b.Fatal(err, len(paths))
	}
	var trees []*jsontree.Tree
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		t := new(jsontree.Tree)
		if err := t.Parse(data); err != nil {
			b.Fatal(err)
		}
		trees = append(trees, t)
	}
	b.ReportAllocs()
	cpu := synthtest.StartCPU()
	for b.Loop() {
		for _, t := range trees {
			if !schema.ValidValue(t.Root()) {
				b.Fatal("a synthetic entry is invalid")
			}
		}
	}
	cpu.PerEntry(b, benchN)
}
