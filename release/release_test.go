package release_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/errref/errref/internal/tooltest"
	"github.com/errref/errref/release"
)

// TestPublishedAssetsVerify simulates a release as .github/workflows/
// release.yml makes it: build the bundle, errref pack dist -o assets,
// publish assets/*, download every asset into one folder. In that folder,
// the verification command the release notes give must check every
// asset, the archives included, and succeed.
func TestPublishedAssetsVerify(t *testing.T) {
	workflow, err := os.ReadFile(filepath.Join("..", ".github", "workflows", "release.yml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []string{"errref pack dist -o assets", "subject-path: assets/*", "--notes-file notes.md assets/*", ".github/release-notes.md", `errref diff --check-bump "$RUNNER_TEMP/$prev" dist`} {
		if !strings.Contains(string(workflow), step) {
			t.Fatalf("release.yml no longer has %q: update this simulation with it", step)
		}
	}
	// pack writes only into a new or empty folder: in a fresh checkout,
	// where the workflow runs it, assets/ must not exist.
	if _, err := os.Stat(filepath.Join("..", "assets", ".")); err == nil {
		if out, _ := exec.Command("git", "ls-files", "../assets").Output(); len(out) > 0 {
			t.Fatal("the repository tracks files in assets/, where release.yml packs")
		}
	}
	cmds := notesCommands(t, "sha256sum")
	if len(cmds) != 1 {
		t.Fatalf("the release notes give %d sha256sum commands, want 1: %q", len(cmds), cmds)
	}
	tooltest.Program(t, "sha256sum")

	// Build and pack, as the build job does.
	assets := filepath.Join(t.TempDir(), "assets")
	if _, err := release.Pack(bundle(t, "v1.4.0"), assets); err != nil {
		t.Fatal(err)
	}
	// Publish assets/* and download it: a flat folder of the assets.
	published, err := filepath.Glob(filepath.Join(assets, "*"))
	if err != nil {
		t.Fatal(err)
	}
	download := t.TempDir()
	var names []string
	for _, p := range published {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err) // a folder in release/ would not be published
		}
		if err := os.WriteFile(filepath.Join(download, filepath.Base(p)), data, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(p))
	}

	cmd := exec.Command("sh", "-c", cmds[0])
	cmd.Dir = download
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", cmds[0], err, out)
	}
	// Every published asset but the checksum file itself was checked.
	var checked []string
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		name, ok := strings.CutSuffix(sc.Text(), ": OK")
		if !ok {
			t.Errorf("%s printed %q", cmds[0], sc.Text())
		}
		checked = append(checked, name)
	}
	want := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == release.SumsFile })
	slices.Sort(checked)
	if !slices.Equal(checked, want) || !slices.Contains(checked, "errref-data-v1.4.0.tar.gz") || !slices.Contains(checked, "errref-data-v1.4.0.zip") {
		t.Errorf("checked %q; want every published asset %q", checked, want)
	}

	// A corrupted download fails that same command.
	f, err := os.OpenFile(filepath.Join(download, "errref-data-v1.4.0.zip"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("x")
	f.Close()
	cmd = exec.Command("sh", "-c", cmds[0])
	cmd.Dir = download
	if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "errref-data-v1.4.0.zip: FAILED") {
		t.Errorf("after corrupting the zip: %v\n%s", err, out)
	}
}

// notesCommands returns the lines of the release notes' sh blocks that
// start with prog.
func notesCommands(t *testing.T, prog string) []string {
	t.Helper()
	notes, err := os.ReadFile(filepath.Join("..", ".github", "release-notes.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	in := false
	for _, line := range strings.Split(string(notes), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			in = true
		case strings.HasPrefix(line, "```"):
			in = false
		case in && strings.HasPrefix(line, prog+" "):
			out = append(out, line)
		}
	}
	return out
}
