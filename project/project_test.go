package project_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errref/errref/project"
)

// TestURLsSetOnce: no Go source outside this package spells the project's
// site or repository; each uses the constants, so that changing them here
// changes every default, link and SARIF address. (Tests may spell them, to
// check what a build writes.)
func TestURLsSetOnce(t *testing.T) {
	site := strings.TrimSuffix(strings.TrimPrefix(project.SiteURL, "https://"), "/")
	repo := strings.TrimPrefix(project.RepoURL, "https://")
	n := 0
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != ".." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "project") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		n++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, u := range []string{site, "https://" + repo, "http://" + repo} {
			if strings.Contains(string(data), u) {
				t.Errorf("%s spells %s: use package project", p, u)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 20 {
		t.Fatalf("found %d Go files under ..: is the test running in project/?", n)
	}
}
