package golden_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/internal/golden"
)

func TestDropped(t *testing.T) {
	const (
		a = "entries/a.json:1:2: error: /id: found x; want y [naming]"
		b = "entries/b.json:3:4: warning: /title: found x; want y [capitalisation]"
		c = "entries/c.json:5:6: info: /message: shown twice [shared-message]"
	)
	for _, tt := range []struct {
		name, old, got string
		want           []string
	}{
		{"same", a + "\n" + b + "\n", a + "\n" + b + "\n", nil},
		{"more", a + "\n", a + "\n" + c + "\n", nil},
		{"moved", a + "\n", "entries/a.json:9:9: error: /id: found x; want y [naming]\n", nil},
		{"reworded", a + "\n", "entries/a.json:1:2: error: /id: found x; want z [naming]\n", nil},
		{"one gone", a + "\n" + b + "\n" + c + "\n", a + "\nsummary\n" + c + "\n", []string{b}},
		{"all gone", "# open\n" + a + "\n" + a + "\n", "# open\n", []string{a, a}},
		{"a duplicate gone", a + "\n" + a + "\n", a + "\n", []string{a}},
		{"not findings", "3 files: 0 errors\n", "", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, golden.Dropped(tt.old, tt.got)); diff != "" {
				t.Errorf("Dropped (-want +got):\n%s", diff)
			}
		})
	}
}
