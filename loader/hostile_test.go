//go:build unix

package loader_test

import (
	"bufio"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"github.com/errref/errref/loader"
)

// TestHostile runs the corpus in testdata/hostile: each archive makes an
// entries/ folder with the files it holds and the special files its
// comment asks for (fifo, symlink, socket, device, big, many, name), and
// lists the diagnostics Load must give, within seconds.
func TestHostile(t *testing.T) {
	// The corpus is written for a limit of 5000 entries: the real one
	// would need 200,001 files. Set once for every case, not in each
	// case's goroutine, whose restore would race with the next case's.
	defer loader.SetMaxEntries(5000)()
	cases, err := filepath.Glob("testdata/hostile/*.txtar")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(c)
			if err != nil {
				t.Fatal(err)
			}
			root := t.TempDir()
			if err := os.Mkdir(filepath.Join(root, "entries"), 0o755); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, f := range ar.Files {
				if f.Name == "want" {
					if s := strings.TrimSuffix(string(f.Data), "\n"); s != "" {
						want = strings.Split(s, "\n")
					}
					continue
				}
				if err := os.MkdirAll(filepath.Dir(filepath.Join(root, f.Name)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(root, f.Name), f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			sc := bufio.NewScanner(strings.NewReader(string(ar.Comment)))
			for sc.Scan() {
				makeSpecial(t, root, strings.Fields(sc.Text()))
			}
			done := make(chan []string)
			go func() {
				set, err := loader.Load(os.DirFS(root))
				if err != nil {
					t.Error(err)
					done <- nil
					return
				}
				var got []string
				for _, d := range set.Diags {
					got = append(got, d.String())
				}
				done <- got
			}()
			select {
			case got := <-done:
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("diagnostics (-want +got):\n%s", diff)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("Load did not return in 10s")
			}
		})
	}
}

// makeSpecial makes what one comment line of a corpus archive asks for;
// other lines are prose.
func makeSpecial(t *testing.T, root string, f []string) {
	t.Helper()
	if len(f) < 2 {
		return
	}
	p := filepath.Join(root, f[1])
	var err error
	switch f[0] {
	case "fifo":
		err = syscall.Mkfifo(p, 0o644)
	case "symlink":
		err = os.Symlink(f[2], p)
	case "rmdir":
		err = os.Remove(p)
	case "socket":
		var l net.Listener
		if l, err = net.Listen("unix", p); err == nil {
			t.Cleanup(func() { l.Close() })
		}
	case "device":
		if err = syscall.Mknod(p, syscall.S_IFCHR|0o644, 1<<8|3); err != nil {
			t.Skipf("mknod: %v (needs root)", err)
		}
	case "big":
		n, _ := strconv.Atoi(f[2])
		err = os.WriteFile(p, []byte(strings.Repeat(" ", n)), 0o644)
	case "many":
		n, _ := strconv.Atoi(f[2])
		for i := 0; i < n && err == nil; i++ {
			err = os.WriteFile(filepath.Join(p, "x-"+strconv.Itoa(i)+".json"), []byte("{}"), 0o644)
		}
	case "name":
		var name string
		if name, err = strconv.Unquote(strings.Join(f[1:], " ")); err == nil {
			err = os.WriteFile(filepath.Join(root, "entries", name), []byte("{}"), 0o644)
		}
	default:
		return
	}
	if err != nil {
		t.Fatalf("%s: %v", strings.Join(f, " "), err)
	}
}
