package exporters_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

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
	dir := export(t, exporters.LLMs, loadFixture(t))
	for _, name := range exporters.LLMs.Files {
		got, err := os.ReadFile(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name, got)
	}
}
