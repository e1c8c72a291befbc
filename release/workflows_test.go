package release_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The workflows are read with a YAML parser (go.yaml.in/yaml/v3, the
// YAML organisation's maintained successor of gopkg.in/yaml.v3, a test-only
// dependency) rather than by matching lines: permissions, needs and
// concurrency take several YAML forms (a scalar, a map, a list, a flow
// mapping), which line patterns would misread or let through.

// workflow is the part of a GitHub Actions workflow these tests read.
type workflow struct {
	Permissions yaml.Node      `yaml:"permissions"`
	Concurrency any            `yaml:"concurrency"`
	Jobs        map[string]job `yaml:"jobs"`
}

type job struct {
	Needs          any               `yaml:"needs"`
	TimeoutMinutes int               `yaml:"timeout-minutes"`
	Concurrency    any               `yaml:"concurrency"`
	Permissions    yaml.Node         `yaml:"permissions"`
	Environment    map[string]string `yaml:"environment"`
	Steps          []step            `yaml:"steps"`
}

type step struct {
	Name string            `yaml:"name"`
	ID   string            `yaml:"id"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
}

// action is the action a step uses, without its ref.
func (s step) action() string { a, _, _ := strings.Cut(s.Uses, "@"); return a }

func readWorkflow(t *testing.T, name string) (*workflow, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", ".github", "workflows", name))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if len(w.Jobs) == 0 {
		t.Fatalf("%s: no jobs", name)
	}
	return &w, string(data)
}

// permissions decodes a permissions block: nil when absent, and an error
// for the all-or-nothing forms (read-all, write-all), which grant more
// than a job names.
func permissions(n yaml.Node) (map[string]string, error) {
	if n.Kind == 0 {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("permissions: %q, want a map of scopes", n.Value)
	}
	var m map[string]string
	if err := n.Decode(&m); err != nil {
		return nil, err
	}
	if m == nil {
		m = map[string]string{}
	}
	return m, nil
}

// pinned is a step's "uses:" line as the workflows must write it: an
// action by full commit SHA, its version in a comment.
var pinned = regexp.MustCompile(`^\s*(?:- )?uses: ([\w.-]+/[\w./-]+)@[0-9a-f]{40} # v\d+\.\d+\.\d+$`)

// TestWorkflowsLeastPrivilege checks what issue 10 asks of both workflows:
// actions pinned by SHA with the version in a comment; no permissions at
// the top; every job with its own, concurrency and a timeout; a job that
// checks out the repository (and so may run its code) reads only, and
// keeps no credentials in .git/config; a job that may write checks out
// nothing, so it runs no project code, and comes after the build.
func TestWorkflowsLeastPrivilege(t *testing.T) {
	for _, name := range []string{"pr.yml", "release.yml"} {
		t.Run(name, func(t *testing.T) {
			w, text := readWorkflow(t, name)
			uses := 0
			for i, line := range strings.Split(text, "\n") {
				if strings.Contains(line, "uses:") && !strings.HasPrefix(strings.TrimSpace(line), "#") {
					uses++
					if !pinned.MatchString(line) {
						t.Errorf("line %d: %q: want uses: owner/action@<40-hex SHA> # vX.Y.Z", i+1, strings.TrimSpace(line))
					}
				}
			}
			if top, err := permissions(w.Permissions); err != nil || top == nil || len(top) > 0 {
				t.Errorf("top-level permissions: %v %v, want {} (each job names its own)", top, err)
			}
			steps := 0
			for jn, j := range w.Jobs {
				steps += len(j.Steps)
				if j.TimeoutMinutes <= 0 {
					t.Errorf("job %s: no timeout-minutes", jn)
				}
				if j.Concurrency == nil && w.Concurrency == nil {
					t.Errorf("job %s: no concurrency, in the job or the workflow", jn)
				}
				perms, err := permissions(j.Permissions)
				if err != nil || perms == nil {
					t.Errorf("job %s: permissions %v %v: want the job's own", jn, perms, err)
					continue
				}
				var writes []string
				for scope, level := range perms {
					switch level {
					case "read", "none":
					case "write":
						writes = append(writes, scope)
					default:
						t.Errorf("job %s: %s: %q", jn, scope, level)
					}
				}
				slices.Sort(writes)
				checksOut := false
				for _, s := range j.Steps {
					if s.action() != "actions/checkout" {
						continue
					}
					checksOut = true
					if s.With["persist-credentials"] != "false" {
						t.Errorf("job %s: actions/checkout without persist-credentials: false", jn)
					}
				}
				if checksOut && len(writes) > 0 {
					t.Errorf("job %s checks out the repository and may write %v: building and testing read only", jn, writes)
				}
				if len(writes) > 0 {
					if j.Needs == nil {
						t.Errorf("job %s may write %v but needs no build job", jn, writes)
					}
					for _, scope := range writes {
						if !slices.Contains([]string{"contents", "id-token", "attestations", "pages"}, scope) {
							t.Errorf("job %s may write %s", jn, scope)
						}
					}
					for _, s := range j.Steps {
						if strings.Contains(s.Run, "go ") || strings.Contains(s.Run, ".ci/") {
							t.Errorf("job %s may write %v and runs project code: %q", jn, writes, s.Run)
						}
					}
				}
			}
			if uses == 0 || steps == 0 {
				t.Fatalf("read %d uses: lines and %d steps: is the workflow parsed?", uses, steps)
			}
		})
	}
}

// TestReleasePublishes checks that the release job's outputs reach their
// consumers: assets attested and released by the job that may write
// contents, and the site, which serves each schema at its $id, deployed to
// GitHub Pages (project.SiteURL, the build's default --base-url) by a job
// that may write only pages.
func TestReleasePublishes(t *testing.T) {
	w, _ := readWorkflow(t, "release.yml")
	find := func(action string) (string, step, bool) {
		for jn, j := range w.Jobs {
			for _, s := range j.Steps {
				if s.action() == action {
					return jn, s, true
				}
			}
		}
		return "", step{}, false
	}
	perms := func(jn string) map[string]string {
		p, err := permissions(w.Jobs[jn].Permissions)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	jn, s, ok := find("actions/attest-build-provenance")
	if !ok || s.With["subject-path"] != "assets/*" {
		t.Errorf("no step attests assets/* (actions/attest-build-provenance): %+v", s)
	} else if p := perms(jn); p["id-token"] != "write" || p["attestations"] != "write" {
		t.Errorf("job %s attests with permissions %v: want id-token and attestations: write", jn, p)
	}

	jn, s, ok = find("actions/upload-pages-artifact")
	if !ok || s.With["path"] != "dist/site" {
		t.Errorf("no step uploads dist/site as the Pages artifact: %+v", s)
	} else if p := perms(jn); p["contents"] != "read" || len(p) != 1 {
		t.Errorf("the Pages artifact is built by job %s with %v: want the build job (contents: read)", jn, p)
	}
	jn, s, ok = find("actions/deploy-pages")
	if !ok {
		t.Fatal("no job deploys the site (actions/deploy-pages): the schemas' $id would point where nothing is published")
	}
	if p := perms(jn); p["pages"] != "write" || p["id-token"] != "write" || len(p) != 2 {
		t.Errorf("job %s deploys Pages with %v: want exactly pages and id-token: write", jn, p)
	}
	j := w.Jobs[jn]
	if j.Environment["name"] != "github-pages" || j.Environment["url"] != "${{ steps."+s.ID+".outputs.page_url }}" || s.ID == "" {
		t.Errorf("job %s: environment %v, step id %q: want github-pages, its url from the deploy step", jn, j.Environment, s.ID)
	}
	if len(j.Steps) != 1 {
		t.Errorf("job %s has %d steps: want only the deployment", jn, len(j.Steps))
	}
	if publish, _, _ := find("actions/attest-build-provenance"); !slices.Contains(needs(j.Needs), publish) {
		t.Errorf("job %s needs %v: want it after %s, so that the site never announces a release that failed", jn, j.Needs, publish)
	}
}

func needs(v any) []string {
	switch n := v.(type) {
	case string:
		return []string{n}
	case []any:
		var out []string
		for _, x := range n {
			out = append(out, fmt.Sprint(x))
		}
		return out
	}
	return nil
}

// TestDependabot checks that Dependabot keeps the pinned actions and the
// Go modules current.
func TestDependabot(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", ".github", "dependabot.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Version int `yaml:"version"`
		Updates []struct {
			Ecosystem string `yaml:"package-ecosystem"`
			Directory string `yaml:"directory"`
			Schedule  struct {
				Interval string `yaml:"interval"`
			} `yaml:"schedule"`
		} `yaml:"updates"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	if cfg.Version != 2 {
		t.Errorf("version %d, want 2", cfg.Version)
	}
	got := map[string]bool{}
	for _, u := range cfg.Updates {
		if u.Directory == "/" && u.Schedule.Interval != "" {
			got[u.Ecosystem] = true
		}
	}
	for _, eco := range []string{"github-actions", "gomod"} {
		if !got[eco] {
			t.Errorf("no scheduled update of %s in /", eco)
		}
	}
}
