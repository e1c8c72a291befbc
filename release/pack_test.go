package release_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/errref/errref/release"
)

// TestPackReproducible packs the same bundle twice, the second time from
// a copy with other file times and permissions, and compares the bytes.
func TestPackReproducible(t *testing.T) {
	dist := bundle(t, "v1.2.3")
	a1 := filepath.Join(t.TempDir(), "a")
	if _, err := release.Pack(dist, a1); err != nil {
		t.Fatal(err)
	}
	// The same tree, written later with other times and modes.
	copyDir := filepath.Join(t.TempDir(), "copy")
	if err := os.CopyFS(copyDir, os.DirFS(dist)); err != nil {
		t.Fatal(err)
	}
	later := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := filepath.Walk(copyDir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			if err := os.Chmod(p, 0o600); err != nil {
				return err
			}
		}
		return os.Chtimes(p, later, later)
	}); err != nil {
		t.Fatal(err)
	}
	a2 := filepath.Join(t.TempDir(), "b")
	assets, err := release.Pack(copyDir, a2)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"errref-data-v1.2.3.tar.gz", "errref-data-v1.2.3.zip", release.SumsFile} {
		b1, err1 := os.ReadFile(filepath.Join(a1, name))
		b2, err2 := os.ReadFile(filepath.Join(a2, name))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v, %v", name, err1, err2)
		}
		if !bytes.Equal(b1, b2) {
			t.Errorf("%s differs between two packs of the same bundle", name)
		}
	}
	if !slices.Contains(assets.Names, "errors.json") || !slices.Contains(assets.Names, "errref-data-v1.2.3.zip") || slices.Contains(assets.Names, release.SumsFile) {
		t.Errorf("assets %q: want the archives and the top-level files; SHA256SUMS apart", assets.Names)
	}
}

// TestPackTarMembers: sorted names under one folder, fixed owner, modes
// and time, and no gzip name or timestamp.
func TestPackTarMembers(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r")
	if _, err := release.Pack(bundle(t, "v1.0.0"), out); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(out, "errref-data-v1.0.0.tar.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if !zr.ModTime.IsZero() || zr.Name != "" {
		t.Errorf("gzip header: time %v, name %q; want neither", zr.ModTime, zr.Name)
	}
	tr := tar.NewReader(zr)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, h.Name)
		wantMode := int64(0o644)
		if h.Typeflag == tar.TypeDir {
			wantMode = 0o755
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" || h.Mode != wantMode || !h.ModTime.Equal(release.ArchiveTime) {
			t.Errorf("%s: uid %d gid %d %q %q mode %o time %v", h.Name, h.Uid, h.Gid, h.Uname, h.Gname, h.Mode, h.ModTime)
		}
	}
	if !slices.IsSorted(names) || len(names) < 10 || names[0] != "errref-data-v1.0.0/" {
		t.Errorf("members %q: want sorted, under errref-data-v1.0.0/", names)
	}
	for _, want := range []string{"errref-data-v1.0.0/errors.json", "errref-data-v1.0.0/SHA256SUMS", "errref-data-v1.0.0/LICENSE-DATA", "errref-data-v1.0.0/site/index.html", "errref-data-v1.0.0/site/schema/1.0.0/entry.schema.json"} {
		if !slices.Contains(names, want) {
			t.Errorf("no member %s", want)
		}
	}
}

// TestPackRefuses: pack never writes over a folder with something in it,
// and refuses a data version that cannot name a file.
func TestPackRefuses(t *testing.T) {
	dist := bundle(t, "v1.0.0")
	out := t.TempDir()
	keep := filepath.Join(out, "mine.txt")
	if err := os.WriteFile(keep, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := release.Pack(dist, out); err == nil {
		t.Error("packed into a folder that was not empty")
	}
	if b, err := os.ReadFile(keep); err != nil || string(b) != "mine" {
		t.Errorf("the folder's file changed: %q, %v", b, err)
	}
	if _, err := release.Pack(bundle(t, "../x"), filepath.Join(t.TempDir(), "r")); err == nil {
		t.Error("packed data version ../x")
	}
}
