package release_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/errref/errref/release"
)

// FuzzDiffMarkdown: whatever text an entry holds, the Markdown report has
// one line per added entry and one per changed field, and never a raw
// line break inside one.
func FuzzDiffMarkdown(f *testing.F) {
	for _, s := range []string{"plain", "a\nb", "# heading", "- item", "`code`", "| pipe |", "<script>", "\r\n\u2028", "1. x"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, title, value string) {
		old := &release.Snapshot{Name: "old", SchemaVersion: "1.0.0", Entries: map[string]map[string]any{
			"a": {"id": "a", "code": "a", "title": "A", "causes": []any{"x"}},
		}}
		new := &release.Snapshot{Name: "new", SchemaVersion: "1.0.0", Entries: map[string]map[string]any{
			"a": {"id": "a", "code": "a", "title": "A", "causes": []any{value}},
			"b": {"id": "b", "code": title, "title": title},
		}}
		md := release.Diff(old, new).Markdown()
		var items int
		for _, line := range strings.Split(md, "\n") {
			if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "  - ") {
				items++
			}
		}
		want := 1 // b added
		if value != "x" {
			want += 2 // a changed, and its /causes line
		}
		if items != want {
			t.Errorf("%d list lines, want %d:\n%s", items, want, md)
		}
	})
}

// escaping is a well-formed line that names a file above the folder.
var escaping = regexp.MustCompile(`(?m)^[0-9a-f]{64}  \.\./[^\n]*$`)

// FuzzVerifySums: any SHA256SUMS gives problems, never a panic, and a
// listed path outside the folder is always one.
func FuzzVerifySums(f *testing.F) {
	f.Add("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty\n")
	f.Add("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  ../empty\n")
	f.Add("nonsense")
	f.Fuzz(func(t *testing.T, sums string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "empty"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, release.SumsFile), []byte(sums), 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := release.Verify(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Problems) == 0 {
			t.Fatal("no problem, but there is no errors.json")
		}
		if escaping.MatchString(sums) {
			for _, p := range r.Problems {
				if strings.Contains(p.Msg, "want a path inside the folder") {
					return
				}
			}
			t.Errorf("a path outside the folder drew no problem: %v", r.Problems)
		}
	})
}
