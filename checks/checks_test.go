package checks_test

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/checks"
	"github.com/errref/errref/diag"
	"github.com/errref/errref/internal/golden"
	"github.com/errref/errref/loader"
	"github.com/errref/errref/loader/loadertest"
)

// update rewrites want.txt files and docs/rules.md: go test ./checks -update.
// It refuses to drop a finding (golden.Dropped) unless -drop says that
// is meant.
var (
	update = flag.Bool("update", false, "rewrite testdata/*/want.txt and ../docs/rules.md")
	drop   = flag.Bool("drop", false, "with -update: allow findings to disappear from want.txt")
)

// load reads the checkout at root, failing on any loader finding: the
// fixtures are valid entries, and only the rules may object to them.
func load(t testing.TB, root string) *loader.Set { t.Helper(); return loadertest.Load(t, root) }

// text renders diagnostics of set in the text format.
func text(t *testing.T, set *loader.Set, ds []diag.Diagnostic) string {
	t.Helper()
	checks.Locate(set, ds)
	var b strings.Builder
	if err := diag.WriteText(&b, ds); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// goldenFile compares got with the file at path, or rewrites it with -update.
func goldenFile(t *testing.T, path string, got string) {
	t.Helper()
	if *update {
		if old, err := os.ReadFile(path); err == nil && !*drop {
			if gone := golden.Dropped(string(old), got); len(gone) > 0 {
				t.Fatalf("%s: -update would drop %s; rerun with -update -drop if that is meant:\n%s", path, diag.Plural(len(gone), "finding"), strings.Join(gone, "\n"))
			}
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./checks -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

var kebab = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

func TestRegistry(t *testing.T) {
	seen := map[string]bool{}
	// The loader's rules, and the driver's: reported outside any Run.
	loaderRules := map[string]bool{loader.RuleSyntax: true, loader.RuleSchema: true, loader.RuleLayout: true, checks.Acknowledgement.Name: true}
	for _, r := range checks.All {
		if loaderRules[r.Name] {
			if r.Run != nil {
				t.Errorf("rule %q: the loader reports it; want no Run", r.Name)
			}
			delete(loaderRules, r.Name)
		} else if r.Run == nil {
			t.Errorf("rule %q: no Run", r.Name)
		}
		if !kebab.MatchString(r.Name) {
			t.Errorf("rule %q: name is not kebab-case", r.Name)
		}
		if seen[r.Name] {
			t.Errorf("rule %q: name used twice (or by the loader)", r.Name)
		}
		seen[r.Name] = true
		title, body, _ := strings.Cut(r.Doc, "\n")
		if strings.TrimSpace(title) == "" || strings.TrimSpace(body) == "" {
			t.Errorf("rule %q: Doc wants a title line and a paragraph", r.Name)
		}
		if strings.HasSuffix(title, ".") {
			t.Errorf("rule %q: title %q ends with a period", r.Name, title)
		}
		if r.Level != diag.Error && r.Level != diag.Warning && r.Level != diag.Info {
			t.Errorf("rule %q: level %v", r.Name, r.Level)
		}
		if checks.ByName(r.Name) != r {
			t.Errorf("ByName(%q) does not find it", r.Name)
		}
		if _, err := os.Stat(filepath.Join("testdata", r.Name)); err != nil && r.Run != nil {
			t.Errorf("rule %q: no testdata: %v", r.Name, err)
		}
	}
	for name := range loaderRules {
		t.Errorf("loader rule %q is not in checks.All", name)
	}
	if checks.ByName("no-such-rule") != nil {
		t.Error("ByName found a rule that does not exist")
	}
}

// TestRules runs each rule alone on its testdata: pass/ must draw no error
// or warning, fail/ at least one finding; both print exactly want.txt.
func TestRules(t *testing.T) {
	for _, r := range checks.All {
		if r.Run == nil {
			continue // the loader's: cmd/errref/testdata/script shows them
		}
		for _, kind := range []string{"pass", "fail"} {
			t.Run(r.Name+"/"+kind, func(t *testing.T) {
				dir := filepath.Join("testdata", r.Name, kind)
				set := load(t, dir)
				ds := checks.Run([]*checks.Rule{r}, set)
				for _, d := range ds {
					if d.Rule != r.Name {
						t.Errorf("finding under another rule: %s", d)
					}
				}
				bad := diag.Count(ds, diag.Error) + diag.Count(ds, diag.Warning)
				if kind == "pass" && bad > 0 {
					t.Errorf("pass case has %d errors and warnings:\n%s", bad, text(t, set, ds))
				}
				if kind == "fail" && len(ds) == 0 {
					t.Error("fail case draws no finding")
				}
				goldenFile(t, filepath.Join(dir, "want.txt"), text(t, set, ds))
			})
		}
	}
}

// TestRepositoryEntries: whatever entries/ holds, check reports no error
// or warning that its entries do not acknowledge.
func TestRepositoryEntries(t *testing.T) {
	res, err := checks.Check(os.DirFS(loadertest.Checkout(t)), checks.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files == 0 {
		t.Fatal("no entry file found")
	}
	for _, d := range res.Diags {
		if d.Level != diag.Info {
			t.Errorf("%s", d)
		}
	}
}

// TestAcknowledge: a matching acknowledgement moves its finding to
// Acknowledged; a stale one and one naming no rule are reported, with a
// fix that removes them; with --only, acknowledgements of rules that did
// not run are left alone.
func TestAcknowledge(t *testing.T) {
	dir := filepath.Join("testdata", "acknowledgement")
	res, err := checks.Check(os.DirFS(dir), checks.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("# open\n" + text(t, res.Set, res.Diags) + "# acknowledged\n" + text(t, res.Set, res.Acknowledged))
	goldenFile(t, filepath.Join(dir, "want.txt"), b.String())
	if len(res.Acknowledged) == 0 {
		t.Error("nothing acknowledged")
	}
	only, err := checks.Check(os.DirFS(dir), checks.Options{Rules: []*checks.Rule{checks.Naming}})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range only.Diags {
		if d.Rule == checks.Acknowledgement.Name && !strings.Contains(d.Message, "no rule") {
			t.Errorf("stale only because its rule did not run: %s", d)
		}
	}
	fsys := mapFS(t, dir)
	fixed, _, err := checks.Fix(fsys, checks.Options{}, func(p string, _, data []byte) error {
		fsys[p] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range fixed.Diags {
		if d.Rule == checks.Acknowledgement.Name {
			t.Errorf("not fixed: %s", d)
		}
	}
}

// TestRulesDoc fails when docs/rules.md is not what the rules' docs make.
func TestRulesDoc(t *testing.T) {
	goldenFile(t, filepath.Join("..", "docs", "rules.md"), string(checks.Markdown(checks.All)))
}

// TestDeterministic: the findings do not depend on the order of files.
func TestDeterministic(t *testing.T) {
	set := load(t, "testdata/consistent-severity/fail")
	want := checks.Run(checks.All, set)
	for i, j := 0, len(set.Files)-1; i < j; i, j = i+1, j-1 {
		set.Files[i], set.Files[j] = set.Files[j], set.Files[i]
	}
	if diff := cmp.Diff(want, checks.Run(checks.All, set)); diff != "" {
		t.Errorf("findings depend on file order (-first +reversed):\n%s", diff)
	}
}

func BenchmarkRunAll(b *testing.B) {
	set := load(b, "..")
	b.ResetTimer()
	for b.Loop() {
		checks.Run(checks.All, set)
	}
}

// TestRuleFiles: a newcomer finds a rule by its name alone. Each rule
// lives in checks/<name without hyphens>.go, one rule a file; the
// loader's rules, which the loader reports, are described together in
// loaderrules.go.
func TestRuleFiles(t *testing.T) {
	loaderRules := map[string]bool{loader.RuleSyntax: true, loader.RuleSchema: true, loader.RuleLayout: true}
	perFile := map[string][]string{}
	for _, r := range checks.All {
		file := strings.ReplaceAll(r.Name, "-", "") + ".go"
		if loaderRules[r.Name] {
			file = "loaderrules.go"
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("rule %s: %v; want it in %s", r.Name, err, file)
			continue
		}
		if !loaderRules[r.Name] && !strings.Contains(string(src), "Name: "+strconv.Quote(r.Name)+",") {
			t.Errorf("rule %s: %s does not define it", r.Name, file)
		}
		perFile[file] = append(perFile[file], r.Name)
	}
	for file, names := range perFile {
		if file != "loaderrules.go" && len(names) > 1 {
			t.Errorf("%s holds rules %v; want one rule a file", file, names)
		}
	}
}

// TestPerEntry: a rule marked PerEntry finds the same on every entry
// alone as on all of them together, on the seed and on every fixture of
// the rules; so the runner may hand it the entries a chunk at a time.
func TestPerEntry(t *testing.T) {
	dirs := []string{loadertest.SeedDir(t)}
	fixtures, err := filepath.Glob(filepath.Join("testdata", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range fixtures {
		if fi, err := os.Stat(filepath.Join(d, "entries")); err == nil && fi.IsDir() {
			dirs = append(dirs, d)
		}
	}
	n := 0
	for _, r := range checks.All {
		if !r.PerEntry {
			continue
		}
		n++
		for _, dir := range dirs {
			set := load(t, dir)
			want := checks.Run([]*checks.Rule{r}, set)
			var got []diag.Diagnostic
			for _, f := range set.Files {
				got = append(got, checks.Run([]*checks.Rule{r}, &loader.Set{Files: []*loader.File{f}})...)
			}
			diag.Sort(got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s on %s: entries alone find otherwise than together (-together +alone):\n%s", r.Name, dir, diff)
			}
		}
	}
	if n == 0 {
		t.Error("no rule is PerEntry")
	}
}

// TestPerEntryCatchesCrossEntry: the check above fails for a rule that
// compares entries (shared-message), so it can tell the two kinds apart.
func TestPerEntryCatchesCrossEntry(t *testing.T) {
	set := load(t, filepath.Join("testdata", "shared-message", "fail"))
	together := checks.Run([]*checks.Rule{checks.SharedMessage}, set)
	var alone []diag.Diagnostic
	for _, f := range set.Files {
		alone = append(alone, checks.Run([]*checks.Rule{checks.SharedMessage}, &loader.Set{Files: []*loader.File{f}})...)
	}
	if len(together) == 0 || cmp.Equal(together, alone) {
		t.Errorf("shared-message finds %d together and %d alone; want findings together only", len(together), len(alone))
	}
}

// TestPlace: Options.Place leaves the findings it does not select without
// a line and column, and changes nothing else; Locate places them as
// Check would have.
func TestPlace(t *testing.T) {
	dir := filepath.Join("testdata", "acknowledgement")
	all, err := checks.Check(os.DirFS(dir), checks.Options{})
	if err != nil {
		t.Fatal(err)
	}
	errorsOnly := func(d diag.Diagnostic) bool { return d.Level == diag.Error && d.Acknowledged == "" }
	some, err := checks.Check(os.DirFS(dir), checks.Options{Place: errorsOnly})
	if err != nil {
		t.Fatal(err)
	}
	var unplaced int
	for _, ds := range [][]diag.Diagnostic{some.Diags, some.Acknowledged} {
		for _, d := range ds {
			switch {
			case errorsOnly(d) && d.Line == 0:
				t.Errorf("selected but not placed: %s", d)
			case !errorsOnly(d) && d.Line != 0 && d.Rule != loader.RuleSchema && d.Rule != loader.RuleSyntax:
				t.Errorf("placed but not selected: %s", d)
			case d.Line == 0:
				unplaced++
			}
		}
	}
	if unplaced == 0 {
		t.Fatal("the fixture has no finding that Place leaves out: the test proves nothing")
	}
	for _, ds := range [][]diag.Diagnostic{some.Diags, some.Acknowledged} {
		checks.Locate(some.Set, ds)
		diag.Sort(ds)
	}
	if diff := cmp.Diff(all.Diags, some.Diags); diff != "" {
		t.Errorf("open findings placed later differ (-placed by Check +by Locate):\n%s", diff)
	}
	if diff := cmp.Diff(all.Acknowledged, some.Acknowledged); diff != "" {
		t.Errorf("acknowledged findings placed later differ (-placed by Check +by Locate):\n%s", diff)
	}
}
