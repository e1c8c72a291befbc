//go:build unix

package loader

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCheckoutSameAsDirFS: Load reads a checkout through Checkout as it
// does through os.DirFS: the same files, entries and findings.
func TestCheckoutSameAsDirFS(t *testing.T) {
	root := filepath.Join("..", "testdata", "seed")
	plain, err := Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	fast, err := Load(Checkout(root))
	if err != nil {
		t.Fatal(err)
	}
	if len(fast.Files) == 0 || len(fast.Files) != len(plain.Files) {
		t.Fatalf("Checkout read %d files, os.DirFS %d", len(fast.Files), len(plain.Files))
	}
	for i, f := range fast.Files {
		if diff := cmp.Diff(plain.Files[i].Entry, f.Entry); f.Path != plain.Files[i].Path || diff != "" {
			t.Errorf("%s: differs from os.DirFS's %s:\n%s", f.Path, plain.Files[i].Path, diff)
		}
	}
	if diff := cmp.Diff(plain.Diags, fast.Diags); diff != "" {
		t.Errorf("findings differ (-os.DirFS +Checkout):\n%s", diff)
	}
}

// TestCheckoutReadRegular: a file swapped, after the listing, for a named
// pipe or a link is refused at once (a pipe would block os.Open forever),
// as is a file over MaxFileSize; a regular file is read whole.
func TestCheckoutReadRegular(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "entries")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	body := bytes.Repeat([]byte("x"), 5000)
	write("ok.json", body)
	write("big.json", bytes.Repeat([]byte("y"), MaxFileSize+1))
	write("empty.json", nil)
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.json"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("ok.json", filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	fsys := Checkout(root)
	if got, err := readFile(fsys, "entries/ok.json", nil); err != nil || !bytes.Equal(got, body) {
		t.Errorf("ok.json: %d bytes, %v; want its %d bytes", len(got), err, len(body))
	}
	if got, err := readFile(fsys, "entries/empty.json", nil); err != nil || len(got) != 0 {
		t.Errorf("empty.json: %d bytes, %v; want none, no error", len(got), err)
	}
	if _, err := readFile(fsys, "entries/big.json", nil); !errors.Is(err, errTooBig) {
		t.Errorf("big.json: %v; want errTooBig", err)
	}
	for _, name := range []string{"pipe.json", "link.json"} {
		if _, err := readFile(fsys, "entries/"+name, nil); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("%s: %v; want \"not a regular file\"", name, err)
		}
	}
	if _, err := readFile(fsys, "entries/missing.json", nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing.json: %v; want a not-exist error", err)
	}
}

// TestCheckoutLinkedEntries: Checkout keeps os.DirFS's Lstat, with which
// Load refuses an entries/ that is a link.
func TestCheckoutLinkedEntries(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, "elsewhere"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("elsewhere", filepath.Join(root, Dir)); err != nil {
		t.Fatal(err)
	}
	set, err := Load(Checkout(root))
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Diags) != 1 || !strings.Contains(set.Diags[0].Message, "symbolic link") {
		t.Errorf("found %v; want one layout finding about the link", set.Diags)
	}
}
