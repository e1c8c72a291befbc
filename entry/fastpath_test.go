package entry

import (
	"regexp"
	"strings"
	"testing"
)

// The code and message helpers run on every entry of every check and
// export, so they are plain code; each fuzz test holds one to the
// regexp it replaced.

func FuzzSplitRange(f *testing.F) {
	for _, s := range []string{"accounts:53–55", "accounts:60 - 62", "x:1-2", "1-9", "a:5–3", "x:1-2-3", "–", "", "a\nb1-2", "1 -  2", "x:1 – 2 ", "\xe2\x80-1-2", "1–\xe2\x802"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`^(.*?)(\d+) *[–-] *(\d+)$`)
	f.Fuzz(func(t *testing.T, code string) {
		var want []string
		if m := re.FindStringSubmatch(code); m != nil {
			want = m[1:]
		}
		p, lo, hi, ok := splitRange(code)
		var got []string
		if ok {
			got = []string{p, lo, hi}
		}
		if strings.Join(got, "|") != strings.Join(want, "|") || (got == nil) != (want == nil) {
			t.Errorf("splitRange(%q) = %q; the regexp gives %q", code, got, want)
		}
	})
}

func FuzzPrefix(f *testing.F) {
	for _, s := range []string{"accounts:4", "desktop_login_accounts:2", "HTTP 429", "a: b", "a:", "1a:2", "_a:1", "a:\n", "a:\xff", "ab_9:x"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*):[^ ]`)
	f.Fuzz(func(t *testing.T, code string) {
		want := ""
		if m := re.FindStringSubmatch(code); m != nil {
			want = m[1]
		}
		if got := Prefix(code); got != want {
			t.Errorf("Prefix(%q) = %q; the regexp gives %q", code, got, want)
		}
	})
}

func FuzzSlugRegexp(f *testing.F) {
	for _, s := range []string{"HTTP 401 — invalid_client", "ÄÖ:1", "--a--", "", "\u212a", "a\xffb", "İx"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`[^a-z0-9]+`)
	f.Fuzz(func(t *testing.T, code string) {
		want := strings.Trim(re.ReplaceAllString(strings.ToLower(code), "-"), "-")
		if got := Slug(code); got != want {
			t.Errorf("Slug(%q) = %q; the regexp gives %q", code, got, want)
		}
	})
}

func FuzzTrimCodeSuffix(f *testing.F) {
	for _, s := range []string{"A firewall may be blocking Spotify. (Error code: accesspoint:39)", "x (Error code: a (Error code: b) ", "x) (Error code: 1)\n", "(Error code:)", "no suffix", "a (Error code: 1) b", " \t(Error code: x)\f"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`\s*\(Error code:[^)]*\)\s*$`)
	f.Fuzz(func(t *testing.T, msg string) {
		if got, want := trimCodeSuffix(msg), re.ReplaceAllString(msg, ""); got != want {
			t.Errorf("trimCodeSuffix(%q) = %q; the regexp gives %q", msg, got, want)
		}
	})
}
