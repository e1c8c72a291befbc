package release

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/schema"
)

// Level is the kind of release a change calls for (docs/versioning.md).
type Level int

// The levels, least first.
const (
	None Level = iota
	Patch
	Minor
	Major
)

var levelNames = []string{"none", "patch", "minor", "major"}

func (l Level) String() string { return levelNames[l] }

// MarshalText writes the level's name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Report is what changed from one snapshot to another.
type Report struct {
	Level   Level        `json:"level"`
	Old     Versions     `json:"old"`
	New     Versions     `json:"new"`
	Schema  Level        `json:"schema"` // the schema's change, by its versions
	Added   []Ref        `json:"added"`
	Removed []Ref        `json:"removed"`
	Changed []EntryDelta `json:"changed"`
	// SchemaFilesChanged names the schema files that differ between the
	// sides although the schema's version does not: a released version
	// never changes, so such a change has no level until it gets one.
	SchemaFilesChanged []string `json:"schema_files_changed"`
	// SchemaFilesNotKept names the old side's schema files that the new
	// side, under a new schema version, no longer publishes byte for byte
	// at their $id (schema/released/README.md): their address would stop
	// resolving when the new site is deployed.
	SchemaFilesNotKept []string `json:"schema_files_not_kept"`
}

// Versions names a snapshot.
type Versions struct {
	Name          string `json:"name"`
	SchemaVersion string `json:"schema_version"`
	DataVersion   string `json:"data_version,omitempty"`
}

// Ref names an entry.
type Ref struct {
	ID    string `json:"id"`
	Code  string `json:"code"`
	Title string `json:"title"`
}

// EntryDelta is one entry present on both sides, changed.
type EntryDelta struct {
	Ref
	Level  Level        `json:"level"`
	Fields []FieldDelta `json:"fields"`
}

// FieldDelta is one field that changed: an object member, by JSON pointer;
// arrays and scalars compare as whole values. Old or New is absent (nil)
// when the field was added or removed.
type FieldDelta struct {
	Path  string `json:"path"`
	Old   any    `json:"old,omitempty"`
	New   any    `json:"new,omitempty"`
	Level Level  `json:"level"`
}

// Diff compares two snapshots and classifies the change.
func Diff(old, new *Snapshot) *Report {
	r := &Report{
		Old:     Versions{old.Name, old.SchemaVersion, old.DataVersion},
		New:     Versions{new.Name, new.SchemaVersion, new.DataVersion},
		Schema:  schemaLevel(old.SchemaVersion, new.SchemaVersion),
		Added:   []Ref{},
		Removed: []Ref{},
		Changed: []EntryDelta{},

		SchemaFilesChanged: []string{},
		SchemaFilesNotKept: []string{},
	}
	r.Level = r.Schema
	if old.SchemaVersion == new.SchemaVersion {
		r.SchemaFilesChanged = differing(old.Schemas, new.Schemas, false)
	} else if new.Published != nil {
		r.SchemaFilesNotKept = differing(old.Schemas, new.Published[old.SchemaVersion], true)
	}
	for _, id := range old.IDs() {
		if _, ok := new.Entries[id]; !ok {
			r.Removed = append(r.Removed, ref(id, old.Entries[id]))
			r.Level = max(r.Level, Major)
		}
	}
	for _, id := range new.IDs() {
		o, ok := old.Entries[id]
		if !ok {
			r.Added = append(r.Added, ref(id, new.Entries[id]))
			r.Level = max(r.Level, Minor)
			continue
		}
		var fields []FieldDelta
		diffValue("", o, new.Entries[id], &fields)
		if len(fields) == 0 {
			continue
		}
		d := EntryDelta{Ref: ref(id, new.Entries[id]), Fields: fields}
		for i := range d.Fields {
			d.Fields[i].Level = fieldLevel(d.Fields[i])
			d.Level = max(d.Level, d.Fields[i].Level)
		}
		r.Changed = append(r.Changed, d)
		r.Level = max(r.Level, d.Level)
	}
	return r
}

func ref(id string, e map[string]any) Ref {
	return Ref{ID: id, Code: str(e, "code"), Title: str(e, "title")}
}

// diffValue appends the differences between a and b under ptr: objects
// member by member, anything else as a whole.
func diffValue(ptr string, a, b any, out *[]FieldDelta) {
	am, aok := a.(map[string]any)
	bm, bok := b.(map[string]any)
	if !aok || !bok {
		if !reflect.DeepEqual(a, b) {
			*out = append(*out, FieldDelta{Path: ptr, Old: a, New: b})
		}
		return
	}
	keys := slices.Sorted(maps.Keys(am))
	for k := range bm {
		if _, ok := am[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		diffValue(ptr+"/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(k), am[k], bm[k], out)
	}
}

// fieldLevel applies docs/versioning.md to one field: a changed display
// code or a removed concrete code breaks lookups; an added concrete code
// is new; any other change corrects a fact.
func fieldLevel(f FieldDelta) Level {
	switch f.Path {
	case "/code", "/id":
		return Major
	case "/codes":
		before, after := concreteCodes(f.Old), concreteCodes(f.New)
		for c := range before {
			if !after[c] {
				return Major
			}
		}
		for c := range after {
			if !before[c] {
				return Minor
			}
		}
	}
	return Patch
}

func concreteCodes(v any) map[string]bool {
	out := map[string]bool{}
	items, _ := v.([]any)
	for _, it := range items {
		if m, ok := it.(map[string]any); ok {
			if c, ok := m["code"].(string); ok {
				out[c] = true
			}
		}
	}
	return out
}

// schemaLevel classifies a schema change by its versions: the part of
// MAJOR.MINOR.PATCH that changed. An unreadable version counts as major.
func schemaLevel(old, new string) Level {
	if old == new {
		return None
	}
	a, aok := schema.ParseVersion(old)
	b, bok := schema.ParseVersion(new)
	switch {
	case !aok || !bok || a[0] != b[0]:
		return Major
	case a[1] != b[1]:
		return Minor
	default:
		return Patch
	}
}

// differing names, sorted, the files of old whose bytes other does not
// hold; a file other lacks counts only when missing is true.
func differing(old, other map[string][]byte, missing bool) []string {
	out := []string{}
	for _, name := range slices.Sorted(maps.Keys(old)) {
		if b, ok := other[name]; ok && !bytes.Equal(old[name], b) || !ok && missing {
			out = append(out, name)
		}
	}
	return out
}

// Bump is the release that version new makes after version old, both
// vMAJOR.MINOR.PATCH: major when MAJOR grew, minor when MINOR grew, patch
// when PATCH grew. An error when either is not such a version or new does
// not come after old.
func Bump(old, new string) (Level, error) {
	a, aok := schema.ParseVersion(old)
	b, bok := schema.ParseVersion(new)
	switch {
	case !aok || !strings.HasPrefix(old, "v"):
		return None, fmt.Errorf("%q is not a version vMAJOR.MINOR.PATCH", old)
	case !bok || !strings.HasPrefix(new, "v"):
		return None, fmt.Errorf("%q is not a version vMAJOR.MINOR.PATCH", new)
	case b[0] > a[0]:
		return Major, nil
	case b[0] == a[0] && b[1] > a[1]:
		return Minor, nil
	case b[0] == a[0] && b[1] == a[1] && b[2] > a[2]:
		return Patch, nil
	}
	return None, fmt.Errorf("%s does not come after %s", new, old)
}

// CheckBump checks that the names of the two sides, the versions of two
// releases, make a release at least as high as the changes call for, so
// that a consumer who trusts the version is never broken by a minor or
// patch release (docs/versioning.md).
func (r *Report) CheckBump() error {
	bump, err := Bump(r.Old.Name, r.New.Name)
	if err != nil {
		return err
	}
	if len(r.SchemaFilesChanged) > 0 {
		return fmt.Errorf("%s changed since %s, but the schema's version %s did not: a released schema never changes; give it a new version (docs/versioning.md)", strings.Join(r.SchemaFilesChanged, " and "), r.Old.Name, r.New.SchemaVersion)
	}
	if len(r.SchemaFilesNotKept) > 0 {
		return fmt.Errorf("%s of schema %s, released with %s, would no longer be published at its $id: keep it unchanged in schema/released/%s/ (schema/released/README.md)", strings.Join(r.SchemaFilesNotKept, " and "), r.Old.SchemaVersion, r.Old.Name, r.Old.SchemaVersion)
	}
	if bump < r.Level {
		return fmt.Errorf("%s after %s is a %s release, but the changes call for a %s one (docs/versioning.md): tag v%s instead", r.New.Name, r.Old.Name, bump, r.Level, next(r.Old.Name, r.Level))
	}
	return nil
}

// next is the first version after old at level l.
func next(old string, l Level) string {
	v, _ := schema.ParseVersion(old)
	switch l {
	case Major:
		v = [3]int{v[0] + 1, 0, 0}
	case Minor:
		v = [3]int{v[0], v[1] + 1, 0}
	default:
		v[2]++
	}
	return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2])
}

// JSON renders the report for tools.
func (r *Report) JSON() ([]byte, error) {
	data, err := json.MarshalIndent(r, "", "  ")
	return append(data, '\n'), err
}

// codeSpans writes names as code spans joined by "and".
func codeSpans(names []string) string {
	spans := make([]string, len(names))
	for i, n := range names {
		spans[i] = exporters.CodeSpan(n)
	}
	return strings.Join(spans, " and ")
}

// Markdown renders the report for release notes. Every text from the data
// is escaped; values are shown as JSON.
func (r *Report) Markdown() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "## Changes from %s to %s\n\n", exporters.MarkdownText(r.Old.Name), exporters.MarkdownText(r.New.Name))
	fmt.Fprintf(&sb, "**Release level: %s** (docs/versioning.md). ", r.Level)
	fmt.Fprintf(&sb, "Entries: %d added, %d removed, %d changed. ", len(r.Added), len(r.Removed), len(r.Changed))
	if r.Schema == None && len(r.SchemaFilesChanged) > 0 {
		fmt.Fprintf(&sb, "Schema: %s, but %s changed without a new version.\n", exporters.CodeSpan(r.New.SchemaVersion), codeSpans(r.SchemaFilesChanged))
	} else if r.Schema == None {
		fmt.Fprintf(&sb, "Schema: %s, unchanged.\n", exporters.CodeSpan(r.New.SchemaVersion))
	} else {
		fmt.Fprintf(&sb, "Schema: %s → %s (%s)", exporters.CodeSpan(r.Old.SchemaVersion), exporters.CodeSpan(r.New.SchemaVersion), r.Schema)
		if len(r.SchemaFilesNotKept) > 0 {
			fmt.Fprintf(&sb, ", but %s of %s no longer published at its `$id`", codeSpans(r.SchemaFilesNotKept), exporters.CodeSpan(r.Old.SchemaVersion))
		}
		sb.WriteString(".\n")
	}
	list := func(title string, refs []Ref, level Level) {
		if len(refs) == 0 {
			return
		}
		fmt.Fprintf(&sb, "\n### %s (%d, %s)\n\n", title, len(refs), level)
		for _, x := range refs {
			fmt.Fprintf(&sb, "- %s\n", refLine(x))
		}
	}
	list("Removed", r.Removed, Major)
	list("Added", r.Added, Minor)
	if len(r.Changed) > 0 {
		fmt.Fprintf(&sb, "\n### Changed (%d)\n\n", len(r.Changed))
		for _, d := range r.Changed {
			fmt.Fprintf(&sb, "- %s (%s)\n", refLine(d.Ref), d.Level)
			for _, f := range d.Fields {
				fmt.Fprintf(&sb, "  - %s (%s): %s → %s\n", exporters.CodeSpan(f.Path), f.Level, mdValue(f.Old), mdValue(f.New))
			}
		}
	}
	if r.Level == None {
		sb.WriteString("\nNo entry changed.\n")
	}
	return sb.String()
}

func refLine(x Ref) string {
	s := exporters.CodeSpan(x.ID)
	if x.Code != "" {
		s += " " + exporters.MarkdownText(x.Code)
	}
	if x.Title != "" {
		s += " — " + exporters.MarkdownText(x.Title)
	}
	return s
}

func mdValue(v any) string {
	if v == nil {
		return "*(none)*"
	}
	var sb strings.Builder
	enc := json.NewEncoder(&sb)
	enc.SetEscapeHTML(false) // MarkdownText escapes < > & itself
	if err := enc.Encode(v); err != nil {
		return exporters.MarkdownText(fmt.Sprint(v))
	}
	return exporters.MarkdownText(strings.TrimSuffix(sb.String(), "\n"))
}
