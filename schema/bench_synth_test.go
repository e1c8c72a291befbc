package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	jsonv2 "github.com/go-json-experiment/json"

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

// BenchmarkSynthQuick is the fast path of the loader: go-json-experiment
// decoding into an any, then the quick validator (schema.Valid), which
// the library checks only when it says no.
func BenchmarkSynthQuick(b *testing.B) {
	root := synthtest.Tree(b, benchN)
	paths, err := filepath.Glob(filepath.Join(root, "entries", "*.json"))
	if err != nil || len(paths) != benchN {
		b.Fatal(err, len(paths))
	}
	var vs []any
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		var v any
		if err := jsonv2.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
		vs = append(vs, v)
	}
	b.ReportAllocs()
	cpu := synthtest.StartCPU()
	for b.Loop() {
		for _, v := range vs {
			if !schema.Valid(v) {
				b.Fatal("a synthetic entry is invalid")
			}
		}
	}
	cpu.PerEntry(b, benchN)
}
