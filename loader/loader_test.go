package loader_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
	"github.com/errref/errref/loader/loadertest"
)

// good is a valid entry, a fixture of its own (a copy of the seed's
// auth-73) so that the live entries stay free to change; the cases below
// break it one way each, at the lines and columns they show.
var good = mustRead("testdata/auth-73.json")

func mustRead(p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// replace swaps the one occurrence of old in good; the test fails loudly
// if the fixture drifted and old is no longer there exactly once.
func replace(t *testing.T, old, new string) string {
	t.Helper()
	if n := strings.Count(good, old); n != 1 {
		t.Fatalf("fixture: %q occurs %d times in auth-73.json, want 1", old, n)
	}
	return strings.Replace(good, old, new, 1)
}

// TestParseRejects shows, for each kind of bad input, the exact diagnostic
// a contributor sees.
func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		data func(t *testing.T) string
		want []string
	}{{
		name: "duplicate key",
		data: func(t *testing.T) string {
			return replace(t, `"severity": "error",`, `"severity": "error", "severity": "fatal",`)
		},
		want: []string{`entries/x.json:10:24: error: /severity: duplicate key "severity" [syntax]`},
	}, {
		name: "trailing data",
		data: func(t *testing.T) string { return good + "{}\n" },
		want: []string{`entries/x.json:56:1: error: unexpected data after the top-level value [syntax]`},
	}, {
		name: "trailing garbage",
		data: func(t *testing.T) string { return good + "x" },
		want: []string{`entries/x.json:56:1: error: invalid character 'x' at start of value [syntax]`},
	}, {
		name: "invalid UTF-8",
		data: func(t *testing.T) string { return replace(t, `"title": "Region`, "\"title\": \"R\xffegion") },
		want: []string{`entries/x.json:9:14: error: /title: invalid UTF-8 [syntax]`},
	}, {
		name: "unknown field",
		data: func(t *testing.T) string { return replace(t, `"title": "Region`, `"titel": "x", "title": "Region`) },
		want: []string{`entries/x.json:9:3: error: /titel: found unknown field "titel"; want "title" [schema]`},
	}, {
		name: "unknown nested field",
		data: func(t *testing.T) string {
			return replace(t, `"state": "neutral"`, `"state": "neutral", "colour": "red"`)
		},
		want: []string{`entries/x.json:29:27: error: /chain/0/colour: found unknown field "colour"; want one of detail, label, state [schema]`},
	}, {
		name: "wrong type",
		data: func(t *testing.T) string { return replace(t, `"position": 4`, `"position": "4"`) },
		want: []string{`entries/x.json:18:15: error: /position: found a string "4"; want integer [schema]`},
	}, {
		name: "not in enum",
		data: func(t *testing.T) string { return replace(t, `"severity": "error"`, `"severity": "critical"`) },
		want: []string{`entries/x.json:10:15: error: /severity: found "critical"; want one of "info", "warn", "error", "fatal" [schema]`},
	}, {
		name: "missing field",
		data: func(t *testing.T) string { return replace(t, `"title": "Region mismatch or auth blocked",`, ``) },
		want: []string{`entries/x.json:1:1: error: /title: found no field "title"; want one: it is required [schema]`},
	}, {
		name: "several schema errors, in file order",
		data: func(t *testing.T) string {
			s := replace(t, `"severity": "error"`, `"severity": 3`)
			return strings.Replace(s, `"state": "critical"`, `"state": "broken"`, 1)
		},
		want: []string{
			`entries/x.json:10:15: error: /severity: found 3; want one of "info", "warn", "error", "fatal" [schema]`,
			`entries/x.json:41:16: error: /chain/3/state: found "broken"; want one of "neutral", "fragile", "critical", "good" [schema]`,
		},
	}, {
		name: "truncated",
		data: func(t *testing.T) string { return good[:40] },
		want: []string{`entries/x.json:3:20: error: unexpected EOF [syntax]`},
	}, {
		name: "empty",
		data: func(t *testing.T) string { return "" },
		want: []string{`entries/x.json:1:1: error: file is empty; want a JSON object [syntax]`},
	}, {
		name: "not an object",
		data: func(t *testing.T) string { return "[]\n" },
		want: []string{`entries/x.json:1:1: error: found an array; want object [schema]`},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ds := loader.Parse("entries/x.json", []byte(tt.data(t)))
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			if f.Entry != nil {
				t.Errorf("Entry = %+v, want nil for a rejected file", f.Entry)
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	f, ds := loader.Parse("entries/auth-73.json", []byte(good))
	if len(ds) > 0 {
		t.Fatalf("diagnostics on a valid file: %v", ds)
	}
	if f.Entry == nil || f.Entry.ID != "auth-73" || f.Entry.Severity != entry.Error {
		t.Fatalf("Entry = %+v", f.Entry)
	}
	// Positions point at values and, for names, at the key.
	for _, tc := range []struct {
		ptr        string
		name       bool
		wantLn, wc int
	}{
		{ptr: "/severity", wantLn: 10, wc: 15},
		{ptr: "/severity", name: true, wantLn: 10, wc: 3},
		{ptr: "/chain/2/label", wantLn: 36, wc: 16},
		{ptr: "/no/such/member", wantLn: 1, wc: 1},
		{ptr: "/chain/9", wantLn: 26, wc: 12},
	} {
		var l, c int
		if tc.name {
			l, c = f.NamePos(tc.ptr)
		} else {
			l, c = f.Pos(tc.ptr)
		}
		if l != tc.wantLn || c != tc.wc {
			t.Errorf("Pos(%q, name=%v) = %d:%d, want %d:%d", tc.ptr, tc.name, l, c, tc.wantLn, tc.wc)
		}
	}
}

// TestLoadOrder: the result does not depend on the order of files on disk.
func TestLoadOrder(t *testing.T) {
	fsys := fstest.MapFS{
		"entries/b.json":       {Data: []byte("{")},
		"entries/a.json":       {Data: []byte("")},
		"entries/README.md":    {Data: []byte("not an entry")},
		"entries/sub/x.json":   {Data: []byte("{}")},
		"entries/auth-73.json": {Data: []byte(good)},
	}
	set, err := loader.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, f := range set.Files {
		paths = append(paths, f.Path)
	}
	if diff := cmp.Diff([]string{"entries/a.json", "entries/auth-73.json", "entries/b.json"}, paths); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if len(set.Entries()) != 1 {
		t.Errorf("got %d entries, want 1", len(set.Entries()))
	}
	var got []string
	for _, d := range set.Diags {
		got = append(got, d.String())
	}
	want := []string{
		"entries/README.md:1:1: error: found a file that is not .json in entries/; want only entry files named <id>.json [layout]",
		"entries/a.json:1:1: error: file is empty; want a JSON object [syntax]",
		"entries/b.json:1:2: error: unexpected EOF [syntax]",
		"entries/sub:1:1: error: found a folder in entries/; want only entry files named <id>.json [layout]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

func TestLoadMissingDir(t *testing.T) {
	if _, err := loader.Load(fstest.MapFS{}); err == nil {
		t.Fatal("Load of a tree without entries/ succeeded, want an error")
	}
}

// TestRepoEntries: every file in the repository's entries/ loads cleanly.
func TestRepoEntries(t *testing.T) {
	set, err := loader.Load(os.DirFS(loadertest.Checkout(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range set.Diags {
		t.Error(d)
	}
	if len(set.Entries()) != len(set.Files) {
		t.Errorf("%d of %d files decoded", len(set.Entries()), len(set.Files))
	}
}

// FuzzParse: no input panics, and a file either decodes or is reported.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte(`{"id": 1}`))
	f.Add([]byte("{\"a\":1,\"a\":2}"))
	f.Add([]byte("\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, ds := loader.Parse("entries/f.json", data)
		if (file.Entry == nil) == (len(ds) == 0) {
			t.Fatalf("Entry=%v with %d diagnostics: a file must decode or be reported", file.Entry != nil, len(ds))
		}
		for _, d := range ds {
			if d.Line < 1 || d.Col < 1 {
				t.Fatalf("bad position in %v", d)
			}
		}
	})
}

// loadReread loads two good files, which Load does not keep, and one
// with findings, which it keeps; the tests then change them in fsys.
func loadReread(t *testing.T) (fsys fstest.MapFS, a73, a74, bad *loader.File) {
	t.Helper()
	fsys = fstest.MapFS{
		"entries/auth-73.json": {Data: []byte(good)},
		"entries/auth-74.json": {Data: []byte(strings.ReplaceAll(good, "auth-73", "auth-74"))},
		"entries/bad.json":     {Data: []byte("{")},
	}
	set, err := loader.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return fsys, set.Files[0], set.Files[1], set.Files[2]
}

// TestBytesReadAgain: Load keeps no bytes of a file without findings;
// Bytes reads it again, once for all callers, and refuses a file that
// changed since.
func TestBytesReadAgain(t *testing.T) {
	fsys, a73, a74, bad := loadReread(t)
	fsys["entries/auth-74.json"].Data = []byte(strings.ReplaceAll(good, "auth-73", "auth-75"))
	fsys["entries/bad.json"].Data = []byte("[")
	done := make(chan []byte)
	for range 4 { // -race: concurrent callers
		go func() {
			data, err := a73.Bytes()
			if err != nil {
				t.Error(err)
			}
			done <- data
		}()
	}
	for range 4 {
		if data := <-done; string(data) != good {
			t.Errorf("Bytes: got %q, want the file", data)
		}
	}
	fsys["entries/auth-73.json"].Data = nil // kept since: not read a third time
	if data, err := a73.Bytes(); err != nil || string(data) != good {
		t.Errorf("Bytes again: got %q, %v; want the kept bytes", data, err)
	}
	if _, err := a74.Bytes(); err == nil || !strings.Contains(err.Error(), "changed since it was loaded") {
		t.Errorf("Bytes of a changed file: got error %v, want changed since it was loaded", err)
	}
	if data, err := bad.Bytes(); err != nil || string(data) != "{" { // a file with findings keeps its bytes
		t.Errorf("Bytes of a file with findings: got %q, %v; want the loaded bytes", data, err)
	}
}

// TestReread: Reread reads a file into the caller's buffer each time and
// keeps nothing; it refuses a file that changed since it was loaded, and
// copies the bytes a file with findings keeps, so that the caller may
// reuse the buffer.
func TestReread(t *testing.T) {
	fsys, a73, a74, bad := loadReread(t)
	buf := make([]byte, 0, 2*len(good))
	data, err := a73.Reread(buf)
	if err != nil || string(data) != good {
		t.Fatalf("Reread: got %q, %v; want the file", data, err)
	}
	if &data[:1][0] != &buf[:1][0] {
		t.Errorf("Reread did not read into the buffer it was given")
	}
	fsys["entries/auth-73.json"].Data = []byte(strings.ReplaceAll(good, "auth-73", "auth-75"))
	if _, err := a73.Reread(buf); err == nil || !strings.Contains(err.Error(), "changed since it was loaded") {
		t.Errorf("Reread of a changed file: got error %v, want changed since it was loaded (Reread kept the bytes?)", err)
	}
	fsys["entries/auth-74.json"].Data = []byte("x")
	if _, err := a74.Reread(nil); err == nil || !strings.Contains(err.Error(), "changed since it was loaded") {
		t.Errorf("Reread of a shorter file: got error %v, want changed since it was loaded", err)
	}
	fsys["entries/bad.json"].Data = []byte("[")
	data, err = bad.Reread(buf)
	if err != nil || string(data) != "{" {
		t.Fatalf("Reread of a file with findings: got %q, %v; want the loaded bytes", data, err)
	}
	data[0] = '!' // the caller's copy
	if kept, _ := bad.Bytes(); string(kept) != "{" {
		t.Errorf("after the caller wrote into Reread's result, Bytes gives %q; want the loaded bytes", kept)
	}
}

// TestFileSize holds File to what every file needs: one File per entry,
// 0.8 MB per 8 bytes at 100,000 entries.
func TestFileSize(t *testing.T) {
	if got := unsafe.Sizeof(loader.File{}); got > 64 {
		t.Errorf("loader.File is %d bytes; want at most 64 (a size class)", got)
	}
}
