package entry_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/errref/errref/entry"
)

func TestSlug(t *testing.T) {
	for code, want := range map[string]string{
		"auth:73":                        "auth-73",
		"accounts:53–55":                 "accounts-53-55",
		"accounts:critical-update-error": "accounts-critical-update-error",
		"EME_NO_SUPPORTED_KEYSYSTEM":     "eme-no-supported-keysystem",
		"Installer error 18":             "installer-error-18",
		"Error 30":                       "error-30",
		"HTTP 401 — invalid_client":      "http-401-invalid-client",
		"desktop_login_accounts:2":       "desktop-login-accounts-2",
		"  --Weird!!  ":                  "weird",
		"HTTP 429 — Too Many Requests":   "http-429-too-many-requests",
	} {
		if got := entry.Slug(code); got != want {
			t.Errorf("Slug(%q) = %q, want %q", code, got, want)
		}
	}
}

var idPattern = regexp.MustCompile(`^([a-z0-9]+(-[a-z0-9]+)*)?$`)

func FuzzSlug(f *testing.F) {
	f.Add("HTTP 401 — invalid_client")
	f.Add("ÄÖ:1")
	f.Fuzz(func(t *testing.T, code string) {
		s := entry.Slug(code)
		if !idPattern.MatchString(s) {
			t.Fatalf("Slug(%q) = %q, not a valid id", code, s)
		}
		if entry.Slug(s) != s {
			t.Fatalf("Slug is not idempotent on %q", s)
		}
	})
}

func TestPlainStep(t *testing.T) {
	for step, want := range map[string]string{
		"Run: `ipconfig /flushdns`":                    "Run: ipconfig /flushdns",
		"delete `%AppData%\\Spotify\\prefs`, relaunch": "delete %AppData%\\Spotify\\prefs , relaunch",
		"no code at all":                               "no code at all",
		"`a` `b`":                                      "a b",
	} {
		if got := entry.PlainStep(step); got != want {
			t.Errorf("PlainStep(%q) = %q, want %q", step, got, want)
		}
	}
	if parts := entry.StepParts("x `y` z"); len(parts) != 3 || strings.TrimSpace(parts[1]) != "y" {
		t.Errorf("StepParts = %q, want the code part at index 1", parts)
	}
}

func TestNoteLead(t *testing.T) {
	if got := (entry.Note{Kind: entry.KnownBug, Text: "x"}).Lead(); got != "Known bug" {
		t.Errorf("Lead() = %q, want the kind's default", got)
	}
	if got := (entry.Note{Kind: entry.Explanation, Title: "Why", Text: "x"}).Lead(); got != "Why" {
		t.Errorf("Lead() = %q, want the title", got)
	}
}
