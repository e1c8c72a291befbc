package release_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/release"
)

// seed loads the seed entries as a snapshot.
func seed(t *testing.T) *release.Snapshot {
	t.Helper()
	s, err := release.Load(bundle(t, "v1.0.0"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// clone copies a snapshot deeply, so that an edit changes one side only.
func clone(t *testing.T, s *release.Snapshot) *release.Snapshot {
	t.Helper()
	data, err := json.Marshal(s.Entries)
	if err != nil {
		t.Fatal(err)
	}
	c := *s
	c.Entries = nil
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // as Load decodes
	if err := dec.Decode(&c.Entries); err != nil {
		t.Fatal(err)
	}
	return &c
}

// TestDiffLevels: each kind of change gets the level docs/versioning.md
// gives it.
func TestDiffLevels(t *testing.T) {
	old := seed(t)
	for _, tc := range []struct {
		name   string
		edit   func(s *release.Snapshot)
		level  release.Level
		fields []string // paths changed in auth-73, if any
	}{
		{"nothing", func(s *release.Snapshot) {}, release.None, nil},
		{"title corrected", func(s *release.Snapshot) { s.Entries["auth-73"]["title"] = "New title" }, release.Patch, []string{"/title"}},
		{"note added", func(s *release.Snapshot) {
			s.Entries["auth-73"]["note"] = map[string]any{"kind": "explanation", "text": "Why."}
		}, release.Patch, []string{"/note"}},
		{"message when", func(s *release.Snapshot) {
			s.Entries["auth-73"]["message"].(map[string]any)["misleading"] = true
		}, release.Patch, []string{"/message/misleading"}},
		{"code added", func(s *release.Snapshot) {
			e := s.Entries["auth-73"]
			e["codes"] = append(e["codes"].([]any), map[string]any{"code": "auth:74"})
		}, release.Minor, []string{"/codes"}},
		{"code renamed", func(s *release.Snapshot) {
			s.Entries["auth-73"]["code"] = "auth:073"
			s.Entries["auth-73"]["codes"] = []any{map[string]any{"code": "auth:073"}}
		}, release.Major, []string{"/code", "/codes"}},
		{"entry added", func(s *release.Snapshot) {
			s.Entries["auth-99"] = map[string]any{"id": "auth-99", "code": "auth:99", "title": "New"}
		}, release.Minor, nil},
		{"entry removed", func(s *release.Snapshot) { delete(s.Entries, "auth-1") }, release.Major, nil},
		{"schema minor", func(s *release.Snapshot) { s.SchemaVersion = "1.1.0" }, release.Minor, nil},
		{"schema major", func(s *release.Snapshot) { s.SchemaVersion = "2.0.0" }, release.Major, nil},
		{"schema patch", func(s *release.Snapshot) { s.SchemaVersion = "1.0.1" }, release.Patch, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			new := clone(t, old)
			tc.edit(new)
			r := release.Diff(old, new)
			if r.Level != tc.level {
				t.Errorf("level %s, want %s", r.Level, tc.level)
			}
			var paths []string
			for _, d := range r.Changed {
				if d.ID == "auth-73" {
					for _, f := range d.Fields {
						paths = append(paths, f.Path)
					}
				}
			}
			if diff := cmp.Diff(tc.fields, paths); diff != "" {
				t.Errorf("changed fields of auth-73 (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDiffReport: the report names what was added, removed and changed,
// in JSON and in Markdown, and escapes text from the data.
func TestDiffReport(t *testing.T) {
	old := seed(t)
	new := clone(t, old)
	delete(new.Entries, "auth-1")
	new.Entries["auth-99"] = map[string]any{"id": "auth-99", "code": "auth:99", "title": "Hostile | <b>x</b> *y*"}
	new.Entries["auth-73"]["severity"] = "fatal"
	new.Name = "v2.0.0"
	r := release.Diff(old, new)

	data, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Level   string
		Added   []struct{ ID string }
		Removed []struct{ ID string }
		Changed []struct {
			ID     string
			Fields []struct{ Path, Old, New, Level string }
		}
	}
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Level != "major" || len(got.Added) != 1 || got.Added[0].ID != "auth-99" || len(got.Removed) != 1 || got.Removed[0].ID != "auth-1" ||
		len(got.Changed) != 1 || len(got.Changed[0].Fields) != 1 {
		t.Fatalf("report:\n%s", data)
	}
	if f := got.Changed[0].Fields[0]; f.Path != "/severity" || f.New != "fatal" || f.Level != "patch" {
		t.Errorf("changed field %+v, want /severity → fatal, patch", f)
	}

	md := r.Markdown()
	for _, want := range []string{
		"## Changes from v1.0.0 to v2.0.0",
		"**Release level: major**",
		"### Removed (1, major)",
		"### Added (1, minor)",
		`Hostile \| \<b\>x\</b\> \*y\*`,
		"`/severity` (patch): \"error\" → \"fatal\"",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
}

// seedCheckout loads a checkout holding the seed's entries and this
// repository's schemas: the snapshot seed(t) is the bundle of.
func seedCheckout(t *testing.T) *release.Snapshot {
	t.Helper()
	co := t.TempDir()
	if err := os.CopyFS(filepath.Join(co, "entries"), os.DirFS(filepath.Join("..", "testdata", "seed", "entries"))); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(co, "schema"), os.DirFS(filepath.Join("..", "schema"))); err != nil {
		t.Fatal(err)
	}
	fromCheckout, err := release.Load(co)
	if err != nil {
		t.Fatal(err)
	}
	return fromCheckout
}

// TestLoadCheckout: a checkout and the bundle built from it are the same
// snapshot.
func TestLoadCheckout(t *testing.T) {
	fromCheckout := seedCheckout(t)
	fromBundle := seed(t)
	r := release.Diff(fromCheckout, fromBundle)
	if r.Level != release.None || len(fromCheckout.Entries) != 41 {
		t.Errorf("checkout vs its bundle: level %s, %d entries; want none, 41\n%s", r.Level, len(fromCheckout.Entries), r.Markdown())
	}
	if !maps.EqualFunc(fromCheckout.Entries, fromBundle.Entries, func(a, b map[string]any) bool { return cmp.Equal(a, b) }) {
		t.Error("entries differ")
	}
	if _, err := release.Load(t.TempDir()); err == nil {
		t.Error("an empty folder loaded")
	}
}

// TestCheckBump: a release's version must grow by at least the level of
// its changes; anything that is not vMAJOR.MINOR.PATCH, or does not come
// after the previous version, is refused.
func TestCheckBump(t *testing.T) {
	for _, tc := range []struct {
		old, new string
		level    release.Level
		err      string // "" when the bump is enough
	}{
		{"v1.0.0", "v2.0.0", release.Major, ""},
		{"v1.4.2", "v1.5.0", release.Minor, ""},
		{"v1.4.2", "v2.0.0", release.Minor, ""},
		{"v1.4.2", "v1.4.3", release.Patch, ""},
		{"v1.4.2", "v1.4.3", release.None, ""},
		{"v1.9.0", "v1.10.0", release.Minor, ""},
		{"v1.0.0", "v1.1.0", release.Major, "v1.1.0 after v1.0.0 is a minor release, but the changes call for a major one (docs/versioning.md): tag v2.0.0 instead"},
		{"v1.4.2", "v1.4.3", release.Minor, "v1.4.3 after v1.4.2 is a patch release, but the changes call for a minor one (docs/versioning.md): tag v1.5.0 instead"},
		{"v1.4.2", "v1.4.2", release.None, "v1.4.2 does not come after v1.4.2"},
		{"v2.0.0", "v1.9.9", release.Patch, "v1.9.9 does not come after v2.0.0"},
		{"v1.0.0", "1.1.0", release.Minor, `"1.1.0" is not a version vMAJOR.MINOR.PATCH`},
		{"base", "v1.1.0", release.Minor, `"base" is not a version vMAJOR.MINOR.PATCH`},
		{"v1.0.0", "v1.1.0-rc.1", release.Minor, `"v1.1.0-rc.1" is not a version vMAJOR.MINOR.PATCH`},
	} {
		r := &release.Report{Level: tc.level, Old: release.Versions{Name: tc.old}, New: release.Versions{Name: tc.new}}
		err := r.CheckBump()
		if got := fmt.Sprint(err); (tc.err == "" && err != nil) || (tc.err != "" && got != tc.err) {
			t.Errorf("%s → %s at %s: %v, want %q", tc.old, tc.new, tc.level, err, tc.err)
		}
	}
}

// TestSchemaFilesChanged: a schema file that changed under the same
// version is named in the report, and --check-bump refuses the release
// until the schema has a new version; a checkout and the bundle built from
// it hold the same schema files.
func TestSchemaFilesChanged(t *testing.T) {
	old := seed(t)
	old.Name = "v1.0.0"
	if len(old.Schemas) != 2 {
		t.Fatalf("bundle snapshot has schemas %v, want entry.schema.json and errors.schema.json", slices.Collect(maps.Keys(old.Schemas)))
	}
	new := clone(t, old)
	new.Name = "v1.0.1"
	new.Schemas = maps.Clone(old.Schemas)
	new.Schemas["entry.schema.json"] = bytes.Replace(old.Schemas["entry.schema.json"], []byte(`"minItems": 2`), []byte(`"minItems": 1`), 1)

	r := release.Diff(old, new)
	if !slices.Equal(r.SchemaFilesChanged, []string{"entry.schema.json"}) || r.Schema != release.None {
		t.Errorf("schema files changed %q, schema level %s; want [entry.schema.json], none", r.SchemaFilesChanged, r.Schema)
	}
	if md := r.Markdown(); !strings.Contains(md, "Schema: `1.0.0`, but `entry.schema.json` changed without a new version.") {
		t.Errorf("Markdown does not say the schema changed:\n%s", md)
	}
	if err := r.CheckBump(); err == nil || !strings.Contains(err.Error(), "entry.schema.json changed since v1.0.0, but the schema's version 1.0.0 did not") {
		t.Errorf("CheckBump: %v", err)
	}

	// With a new version, the change is the schema's level, and the files
	// are expected to differ.
	new.SchemaVersion = "2.0.0"
	new.Name = "v2.0.0"
	r = release.Diff(old, new)
	if len(r.SchemaFilesChanged) != 0 || r.Level != release.Major {
		t.Errorf("after the schema's new version: files %q, level %s; want none, major", r.SchemaFilesChanged, r.Level)
	}
	if err := r.CheckBump(); err != nil {
		t.Error(err)
	}

	// A checkout's schema/ holds the bytes its bundle ships.
	fromCheckout := seedCheckout(t)
	if r := release.Diff(fromCheckout, seed(t)); len(r.SchemaFilesChanged) != 0 || len(fromCheckout.Schemas) != 2 {
		t.Errorf("checkout vs its bundle: schema files changed %q; checkout has %d schemas", r.SchemaFilesChanged, len(fromCheckout.Schemas))
	}
}

// TestSchemaKept: a release under a new schema version must still publish
// the old version's files at their $id, byte for byte (a bundle's
// site/schema/<version>/, a checkout's schema/released/<version>/).
func TestSchemaKept(t *testing.T) {
	old := seed(t)
	old.Name = "v1.0.0"
	if !bytes.Equal(old.Published[old.SchemaVersion]["entry.schema.json"], old.Schemas["entry.schema.json"]) {
		t.Fatalf("the bundle does not publish its own schema in site/schema/%s/", old.SchemaVersion)
	}
	bumped := func(published map[string]map[string][]byte) *release.Report {
		new := clone(t, old)
		new.Name, new.SchemaVersion, new.Published = "v2.0.0", "2.0.0", published
		return release.Diff(old, new)
	}
	changed := maps.Clone(old.Published[old.SchemaVersion])
	changed["entry.schema.json"] = append([]byte(" "), changed["entry.schema.json"]...)
	for _, tt := range []struct {
		name      string
		published map[string]map[string][]byte
		notKept   []string
	}{
		{"kept", map[string]map[string][]byte{"1.0.0": old.Schemas, "2.0.0": old.Schemas}, []string{}},
		{"dropped", map[string]map[string][]byte{"2.0.0": old.Schemas}, []string{"entry.schema.json", "errors.schema.json"}},
		{"changed", map[string]map[string][]byte{"1.0.0": changed}, []string{"entry.schema.json"}},
		{"no site", nil, []string{}},
	} {
		r := bumped(tt.published)
		if !slices.Equal(r.SchemaFilesNotKept, tt.notKept) {
			t.Errorf("%s: not kept %q, want %q", tt.name, r.SchemaFilesNotKept, tt.notKept)
		}
		err := r.CheckBump()
		if len(tt.notKept) == 0 {
			if err != nil {
				t.Errorf("%s: CheckBump: %v", tt.name, err)
			}
			continue
		}
		if want := "of schema 1.0.0, released with v1.0.0, would no longer be published at its $id: keep it unchanged in schema/released/1.0.0/"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: CheckBump = %v, want %q", tt.name, err, want)
		}
		if md := r.Markdown(); !strings.Contains(md, "Schema: `1.0.0` → `2.0.0` (major), but `entry.schema.json`") {
			t.Errorf("%s: Markdown does not say the old schema is dropped:\n%s", tt.name, md)
		}
	}
}
