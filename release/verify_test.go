package release_test

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errref/errref/release"
)

func TestVerifyClean(t *testing.T) {
	dist := bundle(t, "v1.0.0")
	assets := filepath.Join(t.TempDir(), "assets")
	if _, err := release.Pack(dist, assets); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{dist, assets} {
		r, err := release.Verify(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Problems) > 0 || r.Entries != 41 || r.Files < 10 {
			t.Errorf("%s: %d files, %d entries, problems %v; want 41 entries and none", dir, r.Files, r.Entries, r.Problems)
		}
	}
}

// TestVerifyFinds spoils one thing at a time and wants a problem in the
// file that was spoiled.
func TestVerifyFinds(t *testing.T) {
	edit := func(name string, f func(string) string) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			p := filepath.Join(dir, name)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(f(string(b))), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	// resum rewrites SHA256SUMS after a change, so that only the data
	// checks can object.
	resum := func(change func(t *testing.T, dir string)) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			change(t, dir)
			var names []string
			err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() && d.Name() != release.SumsFile {
					rel, _ := filepath.Rel(dir, p)
					names = append(names, filepath.ToSlash(rel))
				}
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			sums, err := release.Sums(os.DirFS(dir), names)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, release.SumsFile), sums, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, tc := range []struct {
		name   string
		assets bool // spoil the release assets, not the bundle
		spoil  func(t *testing.T, dir string)
		file   string
		msg    string
	}{
		{"changed file", false, edit("llms.txt", func(s string) string { return s + "x" }), "llms.txt", "SHA256SUMS says"},
		{"missing file", false, func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "errors.md")) }, "errors.md", "listed in SHA256SUMS but cannot be read"},
		{"extra file", false, func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "site", "extra.html"), []byte("<p>"), 0o644)
		}, "site/extra.html", "not listed"},
		{"missing sums", false, func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, release.SumsFile)) }, "SHA256SUMS", "cannot read"},
		{"bad sums line", false, edit(release.SumsFile, func(s string) string { return "nonsense\n" + s }), "SHA256SUMS", "line 1"},
		{"count", false, resum(edit("errors.json", func(s string) string { return strings.Replace(s, `"count": 41`, `"count": 40`, 1) })), "errors.json", "count 40; it holds 41"},
		{"schema", false, resum(edit("errors.json", func(s string) string { return strings.Replace(s, `"severity": "error"`, `"severity": "bad"`, 1) })), "errors.json", "/entries/"},
		{"csv rows", false, resum(edit("errors.csv", dropLastRecord)), "errors.csv", "40 rows; errors.json implies 41"},
		{"asset changed", true, edit("errors.json", func(s string) string { return s + " " }), "errors.json", "SHA256SUMS says"},
		{"archive changed", true, edit("errref-data-v1.0.0.zip", func(s string) string { return s[:len(s)-30] }), "errref-data-v1.0.0.zip", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := bundle(t, "v1.0.0")
			if tc.assets {
				out := filepath.Join(t.TempDir(), "assets")
				if _, err := release.Pack(dir, out); err != nil {
					t.Fatal(err)
				}
				dir = out
			}
			tc.spoil(t, dir)
			r, err := release.Verify(dir)
			if err != nil {
				t.Fatal(err)
			}
			var all bytes.Buffer
			found := false
			for _, p := range r.Problems {
				all.WriteString(p.String() + "\n")
				found = found || p.File == tc.file && strings.Contains(p.Msg, tc.msg)
			}
			if !found {
				t.Errorf("no problem in %s saying %q; got:\n%s", tc.file, tc.msg, all.String())
			}
		})
	}
}

// TestVerifyArchiveContent: an archive whose inner bundle is wrong, with
// SHA256SUMS of the assets updated to match, is still caught, and the
// problem names the member.
func TestVerifyArchiveContent(t *testing.T) {
	dist := bundle(t, "v1.0.0")
	if err := os.WriteFile(filepath.Join(dist, "llms.txt"), []byte("changed after the bundle was summed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "assets")
	if _, err := release.Pack(dist, out); err != nil {
		t.Fatal(err)
	}
	r, err := release.Verify(out)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"errref-data-v1.0.0.tar.gz!/errref-data-v1.0.0/llms.txt": false, "errref-data-v1.0.0.zip!/errref-data-v1.0.0/llms.txt": false}
	for _, p := range r.Problems {
		if _, ok := want[p.File]; ok {
			want[p.File] = true
		}
	}
	for f, ok := range want {
		if !ok {
			t.Errorf("no problem for %s; got %v", f, r.Problems)
		}
	}
}

func dropLastRecord(s string) string {
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		panic(err)
	}
	var sb strings.Builder
	w := csv.NewWriter(&sb)
	w.WriteAll(rows[:len(rows)-1])
	return sb.String()
}
