package checks

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/errref/errref/entry"
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

// FuzzUnsupportedClaim holds unsupportedClaim, which lowers the texts
// into a reused buffer, to the lowered join it replaced.
func FuzzUnsupportedClaim(f *testing.F) {
	f.Add("Premium users only.", "Spotify app", "", "Client too old", "Firewall")
	f.Add("No internet connection", "DNS", "cache", "Wi-Fi off", "x")
	f.Add("\u212Aey: the device", "İnternet", "DEVICE", "", "a\xffb")
	f.Fuzz(func(t *testing.T, msg, label, detail, cause1, cause2 string) {
		e := &entry.Entry{
			Message: entry.Message{Variants: []entry.Variant{{Text: "ok"}, {Text: msg}}},
			Chain:   []entry.Node{{Label: label, Detail: detail}, {Label: cause2}},
			Causes:  []string{cause1, cause2},
		}
		wantPtr, wantName, wantOK := "", "", false
		evidence := strings.ToLower(strings.Join([]string{label, detail, cause2, "", cause1, cause2}, "\n"))
	variants:
		for i, v := range e.Message.Variants {
			for _, c := range claims {
				if mentions([]byte(strings.ToLower(v.Text)), c.Says) && !mentions([]byte(evidence), c.Support) {
					wantPtr, wantName, wantOK = fmt.Sprintf("/message/variants/%d/text", i), c.Name, true
					break variants
				}
			}
		}
		for _, buf := range [][]byte{nil, []byte("stale bytes of an earlier entry")} {
			ptr, name, ok, _ := unsupportedClaim(e, buf)
			if ptr != wantPtr || name != wantName || ok != wantOK {
				t.Errorf("unsupportedClaim = %q, %q, %v; want %q, %q, %v", ptr, name, ok, wantPtr, wantName, wantOK)
			}
		}
	})
}

func FuzzHostLabel(f *testing.F) {
	for _, s := range []string{"", "a", "-", "a-", "-a", "a-b", "A9", "a_b", "é", "a\n", "a--b", "spotify"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hostLabel(s), re.MatchString(s); got != want {
			t.Errorf("hostLabel(%q) = %v; want %v", s, got, want)
		}
	})
}
