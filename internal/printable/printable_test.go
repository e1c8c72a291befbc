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

func TestEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`found "auth"; want "é — 𝄞"`, `found "auth"; want "é — 𝄞"`},
		{"found \"e\u202e\"", `found "e\u202e"`},
		{"found \"x\x1b[2J\"", `found "x\x1b[2J"`},
		{"c1 \u009b31m", `c1 \u009b31m`},
		{"zero\u200bwidth\ufeff", `zero\u200bwidth\ufeff`},
		{"a\nb\r\tc\u2028", `a\nb\r\tc\u2028`},
		{"bad \xff\xfe", `bad \xff\xfe`},
	} {
		if got := printable.Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func FuzzEscape(f *testing.F) {
	for _, s := range []string{"plain", "a\nb", "\xff", "\u202e", "\r", `"q"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if e := printable.Escape(s); !printable.OK(e) {
			t.Errorf("Escape(%q) = %q: not printable", s, e)
		}
	})
}
