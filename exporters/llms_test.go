package exporters_test

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
)

var space = regexp.MustCompile(`\s+`)

// TestLLMsFullRoundTrip is the acceptance test of the data: the seed
// entries regenerate the upstream's llms-full.txt, whitespace collapsed, byte for
// byte.
func TestLLMsFullRoundTrip(t *testing.T) {
	want, err := os.ReadFile("testdata/upstream/llms-full.collapsed.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := space.ReplaceAllString(exporters.LLMsFull(loadSeed(t)), " ")
	if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(got)); diff != "" {
		t.Errorf("llms-full.txt differs from the upstream's (-want +got):\n%s", diff)
	}
}

func TestLLMsGolden(t *testing.T) {
	files := render(t, exporters.LLMs, loadFixture(t))
	for _, name := range exporters.LLMs.Files {
		golden(t, name, files[name])
	}
}

// TestLLMsRejectsLineBreaks: called directly, past the schema and the
// lint, the llms exporter (and the site, which carries its files) refuses
// any line break rather than let data forge a heading or a field.
func TestLLMsRejectsLineBreaks(t *testing.T) {
	for _, lb := range []string{"\n", "\r", "\v", "\f", "\u0085", "\u2028", "\u2029"} {
		for _, edit := range []func(e *entry.Entry){
			func(e *entry.Entry) { e.Title = "x" + lb + "### forged heading" },
			func(e *entry.Entry) { e.Causes[0] = "x" + lb + "Severity: fatal" },
			func(e *entry.Entry) { e.Subsystem = lb },
		} {
			b := loadFixture(t)
			e := *b.Entries[0]
			e.Causes = slices.Clone(e.Causes)
			edit(&e)
			b.Entries = append([]*entry.Entry{&e}, b.Entries[1:]...)
			for _, x := range []*exporters.Exporter{exporters.LLMs, exporters.Site} {
				if _, err := x.Export(b); err == nil || !strings.Contains(err.Error(), "holds a line break") {
					t.Errorf("%s with %q: err = %v, want a refusal", x.Name, lb, err)
				}
			}
		}
	}
}
