package atomicfile

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestStamp(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("stamps are taken on Linux only")
	}
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	stamp := func() Stamp {
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		s, ok := StampOf(fi)
		if !ok {
			t.Fatal("no stamp on Linux")
		}
		return s
	}
	a := stamp()
	if b := stamp(); a != b {
		t.Fatalf("two looks at an unchanged file differ: %+v, %+v", a, b)
	}
	if a.Settled(time.Now()) {
		t.Error("a file written just now has settled")
	}
	if !a.Settled(time.Now().Add(settleTime + time.Second)) {
		t.Error("a file written long before has not settled")
	}
	if err := os.WriteFile(p, []byte("three"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b := stamp(); a == b {
		t.Error("a rewritten file kept its stamp")
	}
}
