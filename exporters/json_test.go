package exporters_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
)

func TestJSONGolden(t *testing.T) {
	golden(t, "errors.json", render(t, exporters.JSON, loadFixture(t))["errors.json"])
}

// TestJSONMatchesShippedSchema: a consumer who validates errors.json's
// entries with the entry.schema.json of the same bundle finds them valid,
// and decoding gives back the entries.
func TestJSONMatchesShippedSchema(t *testing.T) {
	b := loadRepo(t)
	dir := export(t, exporters.JSON, b)
	export2 := export(t, exporters.Schema, b)
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft2020
	sch, err := c.Compile(filepath.Join(export2, "entry.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "errors.json"))
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		SchemaVersion string            `json:"schema_version"`
		DataVersion   string            `json:"data_version"`
		Count         int               `json:"count"`
		Entries       []json.RawMessage `json:"entries"`
	}
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatal(err)
	}
	if env.SchemaVersion != b.SchemaVersion || env.DataVersion != b.DataVersion || env.Count != len(b.Entries) || len(env.Entries) != env.Count {
		t.Fatalf("envelope = {%q %q %d, %d entries}, want {%q %q %d}", env.SchemaVersion, env.DataVersion, env.Count, len(env.Entries), b.SchemaVersion, b.DataVersion, len(b.Entries))
	}
	for i, raw := range env.Entries {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(v); err != nil {
			t.Errorf("entry %d: %v", i, err)
		}
		var e entry.Entry
		if err := json.Unmarshal(raw, &e); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(b.Entries[i], &e); diff != "" {
			t.Errorf("entry %d does not round-trip (-want +got):\n%s", i, diff)
		}
	}
}

// hostileBundle is the fixture with text in the first entry's title and
// first cause; ok is false for text the schema rejects anyway (invalid
// UTF-8, line breaks, tabs, empty), which the loader stops upstream.
func hostileBundle(t *testing.T, text string) (b *exporters.Bundle, ok bool) {
	t.Helper()
	if text == "" || !utf8.ValidString(text) || strings.ContainsAny(text, "\n\r\t") {
		return nil, false
	}
	b = loadFixture(t)
	e := *b.Entries[0]
	e.Title = text
	e.Causes = append([]string{text}, e.Causes[1:]...)
	b.Entries = append([]*entry.Entry{&e}, b.Entries[1:]...)
	return b, true
}

func FuzzJSONText(f *testing.F) {
	for _, s := range []string{`"quoted"`, `</script>`, "\u2028", `\u0000`, "\x00", `{"a":1}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		b, ok := hostileBundle(t, text)
		if !ok {
			t.Skip()
		}
		data := render(t, exporters.JSON, b)["errors.json"]
		var env exporters.Envelope
		if err := json.Unmarshal(data, &env); err != nil {
			t.Fatalf("errors.json does not parse: %v", err)
		}
		if env.Entries[0].Title != text || env.Entries[0].Causes[0] != text {
			t.Fatalf("text does not round-trip: got %q and %q, want %q", env.Entries[0].Title, env.Entries[0].Causes[0], text)
		}
	})
}

// FuzzLLMsText: no text moves a line of the plain-text files: the heading
// and the cause read back whole, and the line count stays.
func FuzzLLMsText(f *testing.F) {
	for _, s := range []string{"### fake heading", "Severity: fatal", "  - item", "— or —", "\x00", "#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		b, ok := hostileBundle(t, text)
		if !ok {
			t.Skip()
		}
		plain, _ := hostileBundle(t, "plain")
		got, want := exporters.LLMsFull(b), exporters.LLMsFull(plain)
		if strings.Count(got, "\n") != strings.Count(want, "\n") {
			t.Fatalf("line count changed: %d, want %d", strings.Count(got, "\n"), strings.Count(want, "\n"))
		}
		e := b.Entries[0]
		if !strings.Contains(got, "\n### "+e.Code+" — "+text+"\n") || !strings.Contains(got, "\n  - "+text+"\n") {
			t.Fatalf("heading or cause not on its own line for %q", text)
		}
		if !strings.Contains(exporters.LLMsIndex(b), "\n- "+e.Code+" — "+text+" ("+string(e.Severity)+")\n") {
			t.Fatalf("llms.txt line not whole for %q", text)
		}
	})
}
