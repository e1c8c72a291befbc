package exporters_test

import (
	"fmt"
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

// TestLLMsEveryEntry: whatever entries/ holds (and the seed, and the
// fixture), llms-full.txt says how many entries it documents and holds
// each one once, in the order of its groups, with its code, title,
// severity, messages, causes and steps; llms.txt lists each one once.
func TestLLMsEveryEntry(t *testing.T) {
	for name, b := range map[string]*exporters.Bundle{"fixture": loadFixture(t), "seed": loadSeed(t), "repo": loadRepo(t)} {
		full, index := exporters.LLMsFull(b), exporters.LLMsIndex(b)
		if want := fmt.Sprintf(" %d error codes documented.\n", len(b.Entries)); !strings.Contains(full, want) {
			t.Errorf("%s: llms-full.txt lacks %q", name, want)
		}
		if n := strings.Count(full, "\n### "); n != len(b.Entries) {
			t.Errorf("%s: llms-full.txt has %d entry headings for %d entries", name, n, len(b.Entries))
		}
		rest := full
		for _, g := range exporters.Groups(b.Entries) {
			for _, e := range g.Entries {
				head := fmt.Sprintf("\n### %s — %s\n", e.Code, e.Title)
				i := strings.Index(rest, head)
				if i < 0 {
					t.Errorf("%s: llms-full.txt lacks %q after the entry before it", name, head)
					continue
				}
				rest = rest[i+len(head):]
				block, _, _ := strings.Cut(rest, "\n### ")
				want := []string{"Severity: " + string(e.Severity) + "\n"}
				for _, v := range e.Message.Variants {
					want = append(want, v.Text)
				}
				for _, c := range e.Causes {
					want = append(want, "\n  - "+c+"\n")
				}
				for i, s := range e.Resolution {
					want = append(want, fmt.Sprintf("\n  %d. %s\n", i+1, entry.PlainStep(s)))
				}
				for _, w := range want {
					if !strings.Contains(block, w) {
						t.Errorf("%s: llms-full.txt: %s lacks %q", name, e.ID, w)
					}
				}
				if line := fmt.Sprintf("\n- %s — %s (%s)\n", e.Code, e.Title, e.Severity); strings.Count(index, line) != 1 {
					t.Errorf("%s: llms.txt does not list %q once", name, strings.TrimSpace(line))
				}
			}
		}
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
