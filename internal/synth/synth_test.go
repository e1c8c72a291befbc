package synth

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
)

func seed(t testing.TB) []*entry.Entry {
	t.Helper()
	es, err := LoadSeed(filepath.Join("..", "..", SeedDir))
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestGenerateDeterministic(t *testing.T) {
	s := seed(t)
	opts := Options{N: 500, Seed: 7, Verbatim: 0.1, Gaps: 0.1}
	a, err := Generate(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different entries (-first +second):\n%s", diff)
	}
	opts.Seed = 8
	c, err := Generate(s, opts)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Equal(a, c) {
		t.Error("seeds 7 and 8 gave the same entries")
	}
}

// TestGenerateVaried checks that a generated reference has what the
// benchmarks must exercise: every severity and category, ranges, notes,
// locale gaps, groups of entries that share a message, and unique ids.
func TestGenerateVaried(t *testing.T) {
	s := seed(t)
	es, err := Generate(s, Options{N: 1000, Seed: 1, Verbatim: 0.05, Gaps: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1000 {
		t.Fatalf("got %d entries, want 1000", len(es))
	}
	if diff := cmp.Diff(s, es[:len(s)]); diff != "" {
		t.Errorf("round 0 is not the seed (-seed +generated):\n%s", diff)
	}
	ids := map[string]bool{}
	sev := map[entry.Severity]bool{}
	cat := map[entry.Category]bool{}
	headlines := map[string]int{}
	ranges, notes, gaps := 0, 0, 0
	for i, e := range es {
		if ids[e.ID] {
			t.Errorf("id %s twice", e.ID)
		}
		ids[e.ID] = true
		// The seed's entries keep the upstream's positions; clones have
		// none, as entries added by pull requests.
		want := 0
		if i < entry.UpstreamEntries {
			want = i + 1
		}
		if e.Position != want {
			t.Errorf("%s: position %d, want %d", e.ID, e.Position, want)
		}
		sev[e.Severity] = true
		for _, c := range e.Categories {
			cat[c] = true
		}
		if len(e.Codes) > 1 {
			ranges++
		}
		if e.Note != nil {
			notes++
		}
		if len(e.Message.LocaleGaps) > 0 {
			gaps++
		}
		for _, v := range e.Message.Variants {
			headlines[v.Text]++
		}
	}
	if len(sev) != len(entry.Severities) || len(cat) != len(entry.Categories) {
		t.Errorf("severities %v, categories %v: want all", sev, cat)
	}
	shared := 0
	for _, n := range headlines {
		if n > 1 {
			shared++
		}
	}
	if ranges < 10 || notes < 50 || gaps < 10 || shared < 50 {
		t.Errorf("ranges %d, notes %d, entries with gaps %d, shared messages %d: want more variety", ranges, notes, gaps, shared)
	}
	if largest := slices.Max(slicesOf(headlines)); largest > 100 {
		t.Errorf("a message is shared by %d entries; want realistic groups at Verbatim 0.05", largest)
	}
}

func slicesOf(m map[string]int) []int {
	var out []int
	for _, n := range m {
		out = append(out, n)
	}
	return out
}

func TestWriteRefusesExisting(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "entries"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, seed(t)[:1]); err == nil {
		t.Error("Write into an existing entries/ succeeded; want an error")
	}
}

func TestRenumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"accounts:53–55", "accounts:2053–2055"},
		{"auth:3", "auth:2003"},
		{"Installer error 18", "Installer error 2018"},
		{"HTTP 429 — Too Many Requests", "HTTP 429 — Too Many Requests_2"},
		{"accounts:critical-update-error", "accounts:critical-update-error_2"},
	} {
		if got := renumber(tc.in, 2); got != tc.want {
			t.Errorf("renumber(%q, 2) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
