package exporters_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
)

// TestUpstreamStructure: the seed entries keep what the upstream's plain text
// drops (order, categories, subsystem tag, node states), as transcribed
// in upstream-structure.json.
func TestUpstreamStructure(t *testing.T) {
	data, err := os.ReadFile("testdata/upstream/upstream-structure.json")
	if err != nil {
		t.Fatal(err)
	}
	var up struct {
		Entries []struct {
			Position   int              `json:"upstream_position"`
			Code       string           `json:"code"`
			Severity   entry.Severity   `json:"severity"`
			Categories []entry.Category `json:"categories"`
			Subsystem  *string          `json:"subsystem_tag"`
			Chain      []entry.Node     `json:"chain"`
		} `json:"entries"`
	}
	if err := json.Unmarshal(data, &up); err != nil {
		t.Fatal(err)
	}
	b := loadSeed(t)
	if len(b.Entries) != len(up.Entries) {
		t.Fatalf("%d entries, upstream has %d", len(b.Entries), len(up.Entries))
	}
	// The identity rule refuses a position above entry.UpstreamEntries.
	if len(up.Entries) != entry.UpstreamEntries {
		t.Errorf("the upstream has %d entries; entry.UpstreamEntries is %d", len(up.Entries), entry.UpstreamEntries)
	}
	for i, u := range up.Entries {
		e := b.Entries[i] // the bundle is in reference order
		sub := ""
		if u.Subsystem != nil {
			sub = *u.Subsystem
		}
		type shape struct {
			Position   int
			Code       string
			Severity   entry.Severity
			Categories []entry.Category
			Subsystem  string
			Chain      []entry.Node
		}
		want := shape{u.Position, u.Code, u.Severity, u.Categories, sub, u.Chain}
		got := shape{e.Position, e.Code, e.Severity, e.Categories, e.Subsystem, e.Chain}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("entry %d (%s) differs from upstream (-want +got):\n%s", i+1, u.Code, diff)
		}
	}
}
