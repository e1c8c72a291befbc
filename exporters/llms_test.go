package exporters_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/loader"
)

// loadRepo loads the repository's own entries/.
func loadRepo(t *testing.T) *exporters.Bundle {
	t.Helper()
	set, err := loader.Load(os.DirFS(".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range set.Diags {
		t.Errorf("%s", d)
	}
	b, err := exporters.NewBundle(set.Entries())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var space = regexp.MustCompile(`\s+`)

// TestLLMsFullRoundTrip is the acceptance test of the data: the entries
// regenerate the upstream's llms-full.txt, whitespace collapsed, byte for
// byte.
func TestLLMsFullRoundTrip(t *testing.T) {
	want, err := os.ReadFile("testdata/upstream/llms-full.collapsed.txt")
	if err != nil {
		t.Fatal(err)
	}
	got := space.ReplaceAllString(exporters.LLMsFull(loadRepo(t)), " ")
	if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(got)); diff != "" {
		t.Errorf("llms-full.txt differs from the upstream's (-want +got):\n%s", diff)
	}
}
