//go:build unix

package atomicfile_test

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"

	"github.com/errref/errref/internal/atomicfile"
)

// TestCreateMode: the mode is exactly the one asked for, whatever the
// umask.
func TestCreateMode(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	p := filepath.Join(t.TempDir(), "f")
	if err := atomicfile.Create(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v under umask 077, want 0644", fi.Mode().Perm())
	}
	if err := atomicfile.Create(p, []byte("y"), 0o644); !errors.Is(err, os.ErrExist) {
		t.Errorf("Create over an existing file: %v, want ErrExist", err)
	}
}

func TestReplace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "e.json")
	write := func(s string, mode os.FileMode) {
		t.Helper()
		os.Remove(p)
		if err := os.WriteFile(p, []byte(s), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
	}
	read := func() string {
		t.Helper()
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	temps := func() []string {
		m, _ := filepath.Glob(filepath.Join(dir, atomicfile.TempPrefix+"*"))
		return m
	}

	t.Run("keeps mode and owner", func(t *testing.T) {
		write("old", 0o600)
		owner := -1
		if os.Geteuid() == 0 {
			owner = 4321 // only root can give a file away
			if err := os.Chown(p, owner, owner); err != nil {
				t.Fatal(err)
			}
		}
		if err := atomicfile.Replace(p, []byte("old"), []byte("new")); err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(p)
		if got := read(); got != "new" || fi.Mode().Perm() != 0o600 {
			t.Errorf("after Replace: %q mode %v, want \"new\" mode 0600", got, fi.Mode().Perm())
		}
		if st := fi.Sys().(*syscall.Stat_t); owner >= 0 && (int(st.Uid) != owner || int(st.Gid) != owner) {
			t.Errorf("owner %d:%d, want %d:%d", st.Uid, st.Gid, owner, owner)
		}
		if m := temps(); len(m) > 0 {
			t.Errorf("left behind: %v", m)
		}
	})
	t.Run("refuses a file changed since it was read", func(t *testing.T) {
		write("saved by the user meanwhile", 0o644)
		err := atomicfile.Replace(p, []byte("old"), []byte("formatted old"))
		if !errors.Is(err, atomicfile.ErrChanged) {
			t.Errorf("err = %v, want ErrChanged", err)
		}
		if got := read(); got != "saved by the user meanwhile" {
			t.Errorf("file now holds %q: the user's edit was lost", got)
		}
		if m := temps(); len(m) > 0 {
			t.Errorf("left behind: %v", m)
		}
	})
	t.Run("refuses a symbolic link", func(t *testing.T) {
		write("target", 0o644)
		link := filepath.Join(dir, "link.json")
		if err := os.Symlink("e.json", link); err != nil {
			t.Fatal(err)
		}
		if err := atomicfile.Replace(link, []byte("target"), []byte("new")); err == nil {
			t.Error("Replace of a symbolic link succeeded")
		}
		if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
			t.Error("the link became a regular file")
		}
		if got := read(); got != "target" {
			t.Errorf("link target now holds %q", got)
		}
	})
}

func TestClean(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{atomicfile.TempPrefix + "1", "a.json", ".other"} {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	if err := atomicfile.Clean(dir); err != nil {
		t.Fatal(err)
	}
	des, _ := os.ReadDir(dir)
	var got []string
	for _, de := range des {
		got = append(got, de.Name())
	}
	if len(got) != 2 || got[0] != ".other" || got[1] != "a.json" {
		t.Errorf("after Clean: %v, want [.other a.json]", got)
	}
}

// TestExchange: both names exist at every moment; their contents swap.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	os.Mkdir(a, 0o755)
	os.Mkdir(b, 0o755)
	os.WriteFile(filepath.Join(a, "in-a"), nil, 0o644)
	err := atomicfile.Exchange(a, b)
	if errors.Is(err, errors.ErrUnsupported) {
		t.Skipf("no atomic exchange here: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(b, "in-a")); err != nil {
		t.Errorf("b does not hold a's file: %v", err)
	}
	if _, err := os.Stat(filepath.Join(a, "in-a")); err == nil {
		t.Error("a still holds its file")
	}
}

// TestLock: while one holds the lock, another descriptor cannot take it
// (asked without waiting, so the test depends on no timing); once it is
// let go, it can.
func TestLock(t *testing.T) {
	dir := t.TempDir()
	unlock, err := atomicfile.Lock(dir)
	if err != nil {
		t.Fatal(err)
	}
	other, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := unix.Flock(int(other.Fd()), unix.LOCK_EX|unix.LOCK_NB); !errors.Is(err, unix.EWOULDBLOCK) {
		t.Fatalf("flock by another while locked: %v, want EWOULDBLOCK", err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	if err := unix.Flock(int(other.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Errorf("flock by another once unlocked: %v", err)
	}
}
