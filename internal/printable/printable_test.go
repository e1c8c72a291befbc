package printable_test

import (
	"strings"
	"testing"

	"github.com/errref/errref/internal/printable"
)

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"entries/auth-1.json", "entries/auth-1.json"},
		{"dist/é 𝄞", "dist/é 𝄞"},
		{"a\nb.json", `"a\nb.json"`},
		{"a\n::error file=x::forged.json", `"a\n::error file=x::forged.json"`},
		{"\xff.json", `"\xff.json"`},
		{"evil\u202ejs.json", `"evil\u202ejs.json"`},
		{"zero\u200bwidth", `"zero\u200bwidth"`},
		{"esc\x1b[31m", `"esc\x1b[31m"`},
		{"c1\u0085", `"c1\u0085"`},
	} {
		if got := printable.Quote(tc.in); got != tc.want {
			t.Errorf("Quote(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func FuzzQuote(f *testing.F) {
	for _, s := range []string{"plain", "a\nb", "\xff", "\u202e", "\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := printable.Quote(s)
		if strings.ContainsAny(q, "\n\r") || !printable.OK(q) {
			t.Errorf("Quote(%q) = %q: not printable", s, q)
		}
	})
}
