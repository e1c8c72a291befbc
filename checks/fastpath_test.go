package checks

import (
	"strings"
	"testing"
	"unicode"
)

// The rules' fast paths give the verdicts of the plain code they spare.

func FuzzSpellingStyle(f *testing.F) {
	for _, s := range []string{"", "Colour and color", "the CATALOGUE, the catalog", "ANALYZED analysed", "dialog—dialogue", "grey/gray", "Ünïcode colour", "programmes", "İnitialize"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		us, uk := spellingStyle(s)
		wus, wuk := spellingStyleOf(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }))
		if us != wus || uk != wuk {
			t.Errorf("spellingStyle(%q) = %q, %q; want %q, %q", s, us, uk, wus, wuk)
		}
	})
}

func FuzzForbiddenChar(f *testing.F) {
	for _, s := range []string{"", "plain", "a\tb", "x\x7f", "é\u202e", "ok\u200b", "\xff", "a\u0085"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		i, r, what := forbiddenChar(s)
		wi, wr, wwhat := forbiddenRune(s)
		if i != wi || r != wr || what != wwhat {
			t.Errorf("forbiddenChar(%q) = %d, %U, %q; want %d, %U, %q", s, i, r, what, wi, wr, wwhat)
		}
	})
}

func FuzzArrowsFine(f *testing.F) {
	for _, s := range []string{"", "Settings → Proxy", "Settings→Proxy", "a  → b", "→ b", "a →", "a → b → c", "a -> b", "a\t→ b", "x → \ty", "`a -> b` → c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !arrowsFine(s) {
			return // the regular expressions run: nothing spared
		}
		parts := strings.Split(s, "`")
		if got := replaceOutsideCode(parts, asciiArrow, " → "); got != s {
			t.Errorf("arrowsFine(%q), but the ASCII arrow fix gives %q", s, got)
		}
		if got := replaceOutsideCode(parts, arrowSpaced, " → "); got != s {
			t.Errorf("arrowsFine(%q), but the spacing fix gives %q", s, got)
		}
	})
}

func FuzzSameItem(f *testing.F) {
	for _, p := range [][2]string{{"Restart", "restart"}, {" a  b", "A B "}, {"a", "ab"}, {"", " "}, {"Ω x", "ω X"}, {"İ", "i̇"}, {"a\u00a0b", "a b"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		key := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
		if got, want := sameItem(a, b), key(a) == key(b); got != want {
			t.Errorf("sameItem(%q, %q) = %v; want %v", a, b, got, want)
		}
	})
}

func FuzzHasTLD(f *testing.F) {
	for _, s := range []string{"", "spotify.com", "SPOTIFY.COM", "a.b.Io", "x.apP", "no dot", ".dev", "a.", "é.ORG", "a.\u212Aom"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lower := strings.ToLower(s)
		want := false
		for _, tld := range tlds {
			want = want || strings.Contains(lower, tld)
		}
		if got := hasTLD(s); got != want {
			t.Errorf("hasTLD(%q) = %v; want %v", s, got, want)
		}
	})
}

func FuzzContainsFold(f *testing.F) {
	for _, s := range []string{"", "see HTTPS://x", "htt", "a http", "Http", "\u212Aelvin http", "İhttp"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, sub := range []string{"http", ".com", ".io"} {
			if got, want := containsFold(s, sub), strings.Contains(strings.ToLower(s), sub); got != want {
				t.Errorf("containsFold(%q, %q) = %v; want %v", s, sub, got, want)
			}
		}
	})
}

func FuzzSameFold(f *testing.F) {
	for _, p := range [][2]string{{"Spotify", "spotify"}, {"a", "b"}, {"Ω", "ω"}, {"İ", "i̇"}, {"\u212A", "k"}, {"ß", "SS"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := sameFold(a, b), strings.ToLower(a) == strings.ToLower(b); got != want {
			t.Errorf("sameFold(%q, %q) = %v; want %v", a, b, got, want)
		}
	})
}
