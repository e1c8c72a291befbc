package schema_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/tooltest"
	"github.com/errref/errref/loader/loadertest"
	"github.com/errref/errref/schema"
)

// instance is one document a consumer would validate, and whether every
// validator must accept it.
type instance struct {
	File   string `json:"file"`
	Schema string `json:"schema"`
	valid  bool
}

type manifest struct {
	Schemas   []string   `json:"schemas"`
	Instances []instance `json:"instances"`
}

// TestValidators runs the validators downstream projects use (Ajv 8
// through node, Python jsonschema) over the shipped schemas, the
// errors.json of a build of entries/, each seed entry, and documents that
// each schema must reject. Every validator, errref's own included, must
// give the expected answer for every document. A validator that is not
// installed skips its part, except under CI=true (.ci/run installs them).
func TestValidators(t *testing.T) {
	m := writeManifest(t)
	for _, inst := range m.Instances {
		if got := goValid(t, inst); got != inst.valid {
			t.Errorf("errref (Go): %s: valid = %v, want %v", inst.File, got, inst.valid)
		}
	}
	mpath := filepath.Join(t.TempDir(), "manifest.json")
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mpath, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script := func(name string) string {
		p, err := filepath.Abs(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return p
	}

	t.Run("ajv", func(t *testing.T) {
		os.Getenv("NODE_PATH") // where Ajv is: read here so that go test's cache keys on it
		node := tooltest.Program(t, "node")
		if err := exec.Command(node, "-e", `require.resolve("ajv/dist/2020")`).Run(); err != nil {
			tooltest.Missing(t, "ajv (npm install ajv@8 into a folder that NODE_PATH names)")
		}
		check(t, m, exec.Command(node, script("validate.js"), mpath))
	})

	pythons := pythonsWithJSONSchema()
	if len(pythons) == 0 {
		t.Run("python-jsonschema", func(t *testing.T) {
			tooltest.Missing(t, "python3 with jsonschema (apt-get install python3-jsonschema)")
		})
	}
	for _, py := range pythons {
		t.Run("python-jsonschema "+py, func(t *testing.T) {
			check(t, m, exec.Command(py, "-W", "error::DeprecationWarning:__main__", script("validate.py"), mpath))
		})
	}
}

// writeManifest writes the shipped files and the documents to reject into
// a temporary folder and lists them.
func writeManifest(t *testing.T) *manifest {
	t.Helper()
	dir := t.TempDir()
	m := &manifest{}
	for _, f := range schema.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.WriteFile(p, f.JSON, 0o644); err != nil {
			t.Fatal(err)
		}
		m.Schemas = append(m.Schemas, p)
	}
	add := func(name, id string, data []byte, valid bool) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		m.Instances = append(m.Instances, instance{p, id, valid})
	}

	// The schemas are documents too: valid against their metaschema, and
	// each example valid against its own schema.
	for _, f := range schema.Files {
		var s struct {
			Examples []json.RawMessage `json:"examples"`
		}
		if err := json.Unmarshal(f.JSON, &s); err != nil {
			t.Fatal(err)
		}
		if len(s.Examples) == 0 {
			t.Errorf("%s: no examples", f.Name)
		}
		for i, ex := range s.Examples {
			add(f.Name+".example"+string(rune('0'+i))+".json", f.ID, ex, true)
		}
	}

	// errors.json of a build of the live entries (or of the checkout the
	// pull-request test replays the suite on).
	b, err := exporters.NewBundle(loadertest.Load(t, loadertest.Checkout(t)).Entries())
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "dist")
	if err := exporters.Write(b, []*exporters.Exporter{exporters.JSON}, out); err != nil {
		t.Fatal(err)
	}
	errorsJSON, err := os.ReadFile(filepath.Join(out, "errors.json"))
	if err != nil {
		t.Fatal(err)
	}
	add("errors.json", schema.EnvelopeID, errorsJSON, true)

	// Every seed entry, as stored.
	seeds, err := filepath.Glob(filepath.Join("..", "testdata", "seed", "entries", "*.json"))
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no seed entries: %v", err)
	}
	for _, p := range seeds {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		add("seed-"+filepath.Base(p), schema.ID, data, true)
	}

	// Documents each schema must reject: one per constraint a consumer
	// relies on. Each starts from a valid seed entry.
	seed, err := os.ReadFile(filepath.Join("..", "testdata", "seed", "entries", "accounts-53-55.json"))
	if err != nil {
		t.Fatal(err)
	}
	node := map[string]any{"label": "Step", "state": "neutral"}
	for name, edit := range map[string]func(e map[string]any){
		"chain-of-one":         func(e map[string]any) { e["chain"] = e["chain"].([]any)[:1] },
		"chain-of-nine":        func(e map[string]any) { e["chain"] = slices.Repeat([]any{node}, 9) },
		"range-with-one-code":  func(e map[string]any) { e["codes"] = e["codes"].([]any)[:1] },
		"single-with-two":      func(e map[string]any) { e["code"] = "accounts:53" },
		"prefix-no-subsystem":  func(e map[string]any) { delete(e, "subsystem") },
		"subsystem-no-prefix":  func(e map[string]any) { e["code"], e["id"] = "Error 53–55", "error-53-55" },
		"unknown-severity":     func(e map[string]any) { e["severity"] = "critical" },
		"unknown-category":     func(e map[string]any) { e["categories"] = []any{"audio"} },
		"empty-title":          func(e map[string]any) { e["title"] = "" },
		"title-line-break":     func(e map[string]any) { e["title"] = "a\nb" },
		"id-uppercase":         func(e map[string]any) { e["id"] = "Accounts-53-55" },
		"code-no-alphanumeric": func(e map[string]any) { e["code"] = "–" },
		"no-variants-no-gap":   func(e map[string]any) { e["message"] = map[string]any{"variants": []any{}} },
		"unknown-field":        func(e map[string]any) { e["colour"] = "red" },
		"no-causes":            func(e map[string]any) { e["causes"] = []any{} },
	} {
		var e map[string]any
		if err := json.Unmarshal(seed, &e); err != nil {
			t.Fatal(err)
		}
		edit(e)
		add("bad-entry-"+name+".json", schema.ID, marshal(t, e), false)
	}
	for name, edit := range map[string]func(env map[string]any){
		"schema-version":     func(env map[string]any) { env["schema_version"] = "0.9.0" },
		"data-version-space": func(env map[string]any) { env["data_version"] = "a b" },
		"negative-count":     func(env map[string]any) { env["count"] = -1 },
		"bad-entry": func(env map[string]any) {
			env["entries"].([]any)[0].(map[string]any)["chain"] = []any{}
		},
		"extra-field": func(env map[string]any) { env["generated"] = "today" },
	} {
		var env map[string]any
		if err := json.Unmarshal(errorsJSON, &env); err != nil {
			t.Fatal(err)
		}
		if len(env["entries"].([]any)) == 0 {
			t.Fatal("errors.json has no entries to spoil")
		}
		edit(env)
		add("bad-errors-"+name+".json", schema.EnvelopeID, marshal(t, env), false)
	}
	return m
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func goValid(t *testing.T, inst instance) bool {
	t.Helper()
	data, err := os.ReadFile(inst.File)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	s := schema.Compiled()
	if inst.Schema == schema.EnvelopeID {
		s = schema.CompiledEnvelope()
	}
	return s.Validate(v) == nil
}

// check runs a validator script and compares its verdicts with m's.
func check(t *testing.T, m *manifest, cmd *exec.Cmd) {
	t.Helper()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	got := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r struct {
			File   string   `json:"file"`
			Valid  bool     `json:"valid"`
			Errors []string `json:"errors"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", sc.Text(), err)
		}
		got[r.File] = r.Valid
		if want := slices.IndexFunc(m.Instances, func(i instance) bool { return i.File == r.File }); want < 0 {
			t.Errorf("verdict on a file not asked about: %s", r.File)
		} else if r.Valid != m.Instances[want].valid {
			t.Errorf("%s: valid = %v, want %v; errors: %q", filepath.Base(r.File), r.Valid, m.Instances[want].valid, r.Errors)
		}
	}
	for _, i := range m.Instances {
		if _, ok := got[i.File]; !ok {
			t.Errorf("%s: no verdict", i.File)
		}
	}
	if stderr.Len() > 0 {
		t.Errorf("%s wrote to stderr (a warning?):\n%s", cmd.Args[0], stderr.String())
	}
}

// pythonsWithJSONSchema lists the distinct Python interpreters that have
// jsonschema: python3 on PATH and Debian's, which apt installs into.
func pythonsWithJSONSchema() []string {
	var out []string
	seen := map[string]bool{}
	for _, name := range []string{"python3", "/usr/bin/python3"} {
		p, err := exec.LookPath(name)
		if err != nil {
			continue
		}
		exe, err := exec.Command(p, "-c", "import sys, jsonschema; print(sys.executable)").Output()
		if err != nil || seen[strings.TrimSpace(string(exe))] {
			continue
		}
		seen[strings.TrimSpace(string(exe))] = true
		out = append(out, p)
	}
	return out
}
