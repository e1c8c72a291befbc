package release_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/errref/errref/internal/tooltest"
)

// TestReleaseNotesStep runs release.yml's "Release notes" step, as the
// workflow writes it, in a repository with two tags of the seed data, with
// "go run ./cmd/errref" standing for errref. The notes must be errref
// diff's report against the previous tag, then the template with the
// version, and nothing else (git's own messages go elsewhere); and a tag
// lower than the change calls for must fail the step.
func TestReleaseNotesStep(t *testing.T) {
	w, _ := readWorkflow(t, "release.yml")
	var script string
	for _, j := range w.Jobs {
		for _, s := range j.Steps {
			if s.Name == "Release notes" {
				script = s.Run
			}
		}
	}
	if script == "" {
		t.Fatal(`release.yml has no step "Release notes"`)
	}
	git := tooltest.Program(t, "git")
	bash := tooltest.Program(t, "bash")
	gocmd := tooltest.Program(t, "go")

	// errref, and a "go" that runs it for "go run ./cmd/errref".
	bin := t.TempDir()
	errref := filepath.Join(bin, "errref")
	if out, err := exec.Command(gocmd, "build", "-o", errref, "github.com/errref/errref/cmd/errref").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	shim := "#!/bin/sh\n[ \"$1 $2\" = \"run ./cmd/errref\" ] || { echo \"unexpected: go $*\" >&2; exit 99; }\nshift 2\nexec " + errref + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(shim), 0o755); err != nil {
		t.Fatal(err)
	}

	repo := t.TempDir()
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t.invalid", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t.invalid")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	for _, d := range []struct{ from, to string }{
		{filepath.Join("..", "testdata", "seed", "entries"), "entries"},
		{filepath.Join("..", "schema"), "schema"},
	} {
		if err := os.CopyFS(filepath.Join(repo, d.to), os.DirFS(d.from)); err != nil {
			t.Fatal(err)
		}
	}
	// Only the schemas, not the Go package beside them.
	for _, m := range []string{"*.go", "testdata"} {
		matches, _ := filepath.Glob(filepath.Join(repo, "schema", m))
		for _, p := range matches {
			os.RemoveAll(p)
		}
	}
	tmpl, err := os.ReadFile(filepath.Join("..", ".github", "release-notes.md"))
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(repo, ".github"), 0o755)
	if err := os.WriteFile(filepath.Join(repo, ".github", "release-notes.md"), tmpl, 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(repo, ".gitignore"), []byte("/dist/\n/notes.md\n"), 0o644)
	run(git, "init", "-q", "-b", "main")
	run(git, "add", ".")
	run(git, "commit", "-q", "-m", "v1.0.0")
	run(git, "tag", "v1.0.0")
	// The next release removes an entry: a major change.
	run(git, "rm", "-q", "entries/accounts-127.json")
	run(git, "commit", "-q", "-m", "remove accounts:127")

	step := func(tag string) (string, error) {
		t.Helper()
		run(git, "tag", "-f", tag)
		run(errref, "build", "--data-version", tag)
		runner := t.TempDir()
		cmd := exec.Command(bash, "-e", "-c", script)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"GITHUB_REF_NAME="+tag, "RUNNER_TEMP="+runner, "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		notes, _ := os.ReadFile(filepath.Join(repo, "notes.md"))
		if err != nil {
			return string(out), err
		}
		return string(notes), nil
	}

	// v1.1.0 would call a removed entry a minor change: the step fails.
	out, err := step("v1.1.0")
	if err == nil || !strings.Contains(out, "v1.1.0 after v1.0.0 is a minor release, but the changes call for a major one") {
		t.Errorf("the step with tag v1.1.0: %v, want a failure naming the release level:\n%s", err, out)
	}
	run(git, "tag", "-d", "v1.1.0")

	notes, err := step("v2.0.0")
	if err != nil {
		t.Fatalf("the step with tag v2.0.0: %v\n%s", err, notes)
	}
	want := "## Changes from v1.0.0 to v2.0.0\n\n**Release level: major**"
	if !strings.HasPrefix(notes, want) {
		t.Errorf("notes.md does not start with %q:\n%s", want, notes)
	}
	for _, w := range []string{"### Removed (1, major)\n\n- `accounts-127` accounts:127", "gh release download v2.0.0 --repo", "gh attestation verify errref-data-v2.0.0.tar.gz"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes.md lacks %q:\n%s", w, notes)
		}
	}
	if strings.Contains(notes, "HEAD is now at") || strings.Contains(notes, "@VERSION@") {
		t.Errorf("notes.md holds more than the report and the template:\n%s", notes)
	}
}
