package schema_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/project"
	"github.com/errref/errref/schema"
)

func TestCompiles(t *testing.T) {
	if schema.Compiled() == nil || schema.CompiledEnvelope() == nil {
		t.Fatal("nil schema")
	}
}

// TestIDs: each schema's $id is where the project publishes it, and
// carries the one schema version, which errors.json states.
func TestIDs(t *testing.T) {
	if schema.Version == "" {
		t.Fatal("no version in $id")
	}
	for _, f := range schema.Files {
		if want := project.SchemaURL(schema.Version, f.Name); f.ID != want {
			t.Errorf("%s: $id %q, want %q", f.Name, f.ID, want)
		}
		var s map[string]any
		if err := json.Unmarshal(f.JSON, &s); err != nil {
			t.Fatal(err)
		}
		if _, ok := s["version"]; ok {
			t.Errorf("%s: a \"version\" keyword; the version lives in $id", f.Name)
		}
	}
	var env struct {
		Properties struct {
			SchemaVersion struct {
				Const string `json:"const"`
			} `json:"schema_version"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(schema.EnvelopeJSON, &env); err != nil {
		t.Fatal(err)
	}
	if got := env.Properties.SchemaVersion.Const; got != schema.Version {
		t.Errorf("errors.schema.json: schema_version const %q, want %q", got, schema.Version)
	}
}

// TestConventions walks the schema: every object closes its properties,
// and every property has a description, without a trailing period.
func TestConventions(t *testing.T) {
	var walk func(ptr string, node map[string]any)
	walk = func(ptr string, node map[string]any) {
		if props, ok := node["properties"].(map[string]any); ok {
			if node["additionalProperties"] != false {
				t.Errorf("%s: additionalProperties must be false", ptr)
			}
			for name, p := range props {
				pm := p.(map[string]any)
				if d, _ := pm["description"].(string); d == "" {
					t.Errorf("%s/properties/%s: no description", ptr, name)
				} else if strings.HasSuffix(d, ".") {
					// sourcemeta lint's description_trailing_period
					t.Errorf("%s/properties/%s: description ends with a period", ptr, name)
				}
				walk(ptr+"/properties/"+name, pm)
			}
		}
		if items, ok := node["items"].(map[string]any); ok {
			walk(ptr+"/items", items)
		}
		if defs, ok := node["$defs"].(map[string]any); ok {
			for name, d := range defs {
				walk(ptr+"/$defs/"+name, d.(map[string]any))
			}
		}
	}
	for _, f := range schema.Files {
		var root map[string]any
		if err := json.Unmarshal(f.JSON, &root); err != nil {
			t.Fatal(err)
		}
		walk(f.Name+"#", root)
	}
}

// TestVocabularies: the schema's enums and the Go model's lists agree.
func TestVocabularies(t *testing.T) {
	var s struct {
		Properties map[string]struct {
			Enum  []string `json:"enum"`
			Items struct {
				Enum []string `json:"enum"`
			} `json:"items"`
			Properties map[string]struct {
				Enum []string `json:"enum"`
			} `json:"properties"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(schema.JSON, &s); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for k := range entry.NoteLeads {
		kinds = append(kinds, string(k))
	}
	slices.Sort(kinds)
	sorted := cmpopts.SortSlices(func(a, b string) bool { return a < b })
	for _, tc := range []struct {
		name     string
		schema   []string
		model    []string
		anyOrder bool
	}{
		{"severity", s.Properties["severity"].Enum, entry.Strings(entry.Severities), false},
		{"categories", s.Properties["categories"].Items.Enum, entry.Strings(entry.Categories), false},
		{"note.kind", s.Properties["note"].Properties["kind"].Enum, kinds, true},
		{"platforms", s.Properties["platforms"].Items.Enum, entry.Platforms, false},
	} {
		var opts []cmp.Option
		if tc.anyOrder {
			opts = append(opts, sorted)
		}
		if diff := cmp.Diff(tc.model, tc.schema, opts...); diff != "" {
			t.Errorf("%s: schema and entry package disagree (-model +schema):\n%s", tc.name, diff)
		}
	}
}

// TestReleased: the earlier versions kept in released/ are where their $id
// says, older than the current version, and complete; and CheckReleased
// refuses each way a kept version can be wrong.
func TestReleased(t *testing.T) {
	if err := schema.CheckReleased(schema.Released, schema.Version); err != nil {
		t.Error(err)
	}
	// A pair as a maintainer would keep it: today's schemas with the $id of
	// an older version.
	keep := func(v string) []schema.File {
		var out []schema.File
		for _, f := range schema.Files {
			id := project.SchemaURL(v, f.Name)
			data := bytes.ReplaceAll(f.JSON, []byte(project.SchemaURL(schema.Version, "")), []byte(project.SchemaURL(v, "")))
			out = append(out, schema.File{Name: f.Name, ID: id, Version: v, JSON: data})
		}
		return out
	}
	if err := schema.CheckReleased(keep("0.9.0"), "1.0.0"); err != nil {
		t.Errorf("a well-kept 0.9.0: %v", err)
	}
	misplaced := keep("0.9.0")
	misplaced[0].Version = "0.8.0"
	for name, tt := range map[string]struct {
		files   []schema.File
		current string
		want    string
	}{
		"not older":        {keep("1.0.0"), "1.0.0", "want one older than the current 1.0.0"},
		"newer":            {keep("1.10.0"), "1.9.0", "want one older than the current 1.9.0"},
		"wrong folder":     {misplaced, "1.0.0", "$id names version 0.9.0; want the file in released/0.9.0/"},
		"one schema alone": {keep("0.9.0")[:1], "1.0.0", `want entry.schema.json and errors.schema.json`},
	} {
		err := schema.CheckReleased(tt.files, tt.current)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: CheckReleased = %v, want an error containing %q", name, err, tt.want)
		}
	}
}
