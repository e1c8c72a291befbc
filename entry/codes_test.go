package entry_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/errref/errref/entry"
)

func TestMembers(t *testing.T) {
	for _, tt := range []struct {
		code    string
		want    []string
		wantErr bool
	}{
		{code: "accounts:53–55", want: []string{"accounts:53", "accounts:54", "accounts:55"}},
		{code: "accounts:53-55", want: []string{"accounts:53", "accounts:54", "accounts:55"}},
		{code: "accounts:53 – 54", want: []string{"accounts:53", "accounts:54"}},
		{code: "x:0–99", want: nil}, // 100 members: checked by length below
		{code: "auth:73", want: []string{"auth:73"}},
		{code: "HTTP 401 — invalid_client", want: []string{"HTTP 401 — invalid_client"}},
		{code: "Installer error 18", want: []string{"Installer error 18"}},
		{code: "accounts:critical-update-error", want: []string{"accounts:critical-update-error"}},
		{code: "accounts:55–53", wantErr: true},
		{code: "accounts:53–53", wantErr: true},
		{code: "x:0–100", wantErr: true},
		{code: "x:1–99999999999999999999999", wantErr: true},
	} {
		got, err := entry.Members(tt.code)
		switch {
		case tt.wantErr:
			if err == nil {
				t.Errorf("Members(%q) = %q, want an error", tt.code, got)
			}
		case err != nil:
			t.Errorf("Members(%q): %v", tt.code, err)
		case tt.want == nil:
			if len(got) != entry.MaxRange {
				t.Errorf("Members(%q) has %d members, want %d", tt.code, len(got), entry.MaxRange)
			}
		case !slices.Equal(got, tt.want):
			t.Errorf("Members(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

// FuzzMembers: expansion never panics, and a code either stands for
// itself or for 2 to MaxRange distinct members that share its prefix.
func FuzzMembers(f *testing.F) {
	for _, s := range []string{"accounts:53–55", "x:1-2", "auth:73", "1-9", "a:5–3", "x:1-2-3", "–", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		ms, err := entry.Members(code)
		if err != nil {
			if !strings.Contains(err.Error(), "want N–M") {
				t.Fatalf("Members(%q): unexpected error %v", code, err)
			}
			return
		}
		if len(ms) == 1 {
			if ms[0] != code {
				t.Fatalf("Members(%q) = %q, want the code itself", code, ms)
			}
			return
		}
		if len(ms) < 2 || len(ms) > entry.MaxRange {
			t.Fatalf("Members(%q) has %d members, want 2 to %d", code, len(ms), entry.MaxRange)
		}
		seen := map[string]bool{}
		for _, m := range ms {
			if seen[m] {
				t.Fatalf("Members(%q): %q twice", code, m)
			}
			seen[m] = true
			if !strings.HasPrefix(code, strings.TrimRight(m, "0123456789")) {
				t.Fatalf("Members(%q): %q does not share the code's prefix", code, m)
			}
		}
	})
}

func TestCanonicalCode(t *testing.T) {
	for code, want := range map[string]string{
		"accounts:53–55":            "accounts:53–55",
		"accounts:53-55":            "accounts:53–55",
		"accounts:70 – 72":          "accounts:70–72",
		"accounts:70 -72":           "accounts:70–72",
		"auth:73":                   "auth:73",
		"HTTP 401 — invalid_client": "HTTP 401 — invalid_client",
		"Installer error 18":        "Installer error 18",
	} {
		if got := entry.CanonicalCode(code); got != want {
			t.Errorf("CanonicalCode(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestCovers(t *testing.T) {
	e := &entry.Entry{Code: "accounts:53–55", Codes: []entry.Code{{Code: "accounts:53"}, {Code: "accounts:54"}, {Code: "accounts:55"}}}
	for c, want := range map[string]bool{
		"accounts:53–55": true,
		"accounts:54":    true,
		"accounts:56":    false,
		"accounts:5":     false,
	} {
		if got := e.Covers(c); got != want {
			t.Errorf("Covers(%q) = %v, want %v", c, got, want)
		}
	}
}

func TestPrefix(t *testing.T) {
	for code, want := range map[string]string{
		"accounts:4":                     "accounts",
		"accounts:53–55":                 "accounts",
		"desktop_login_accounts:2":       "desktop_login_accounts",
		"accounts:critical-update-error": "accounts",
		"HTTP 429 — Too Many Requests":   "",
		"Installer error 18":             "",
		"EME_NO_SUPPORTED_KEYSYSTEM":     "",
		"x: 1":                           "",
		"HTTP 401:x":                     "",
	} {
		if got := entry.Prefix(code); got != want {
			t.Errorf("Prefix(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestSubsystemOf(t *testing.T) {
	es := []*entry.Entry{
		{Code: "auth:1", Subsystem: "auth"},
		{Code: "desktop_login_accounts:2", Subsystem: "dlacc"},
		{Code: "HTTP 429"},
	}
	for code, want := range map[string]string{
		"desktop_login_accounts:99": "dlacc", // taken from the entries that use the prefix
		"auth:99":                   "auth",
		"Newthing:1":                "newthing", // a new prefix: itself, lowercase
		"HTTP 418":                  "",
	} {
		if got := entry.SubsystemOf(es, code); got != want {
			t.Errorf("SubsystemOf(%q) = %q, want %q", code, got, want)
		}
	}
}
