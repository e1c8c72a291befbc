package entry_test

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/errref/errref/entry"
)

func TestCompareCodes(t *testing.T) {
	// Each code comes strictly before the next.
	ordered := []string{
		"Error 30",
		"HTTP 401 — invalid_client",
		"HTTP 403 — PREMIUM_REQUIRED",
		"HTTP 429 — Too Many Requests",
		"Installer error 9",
		"Installer error 18",
		"accounts:3",
		"accounts:53–55",
		"accounts:54",
		"accounts:99",
		"accounts:100",
		"accounts:critical-update-error",
		"x:01",
		"x:1",
		"x:1a",
	}
	for i, a := range ordered {
		for j, b := range ordered {
			got := entry.CompareCodes(a, b)
			if want := cmp.Compare(i, j); sign(got) != want {
				t.Errorf("CompareCodes(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// FuzzCompareCodes: a total order, as slices.SortFunc needs.
func FuzzCompareCodes(f *testing.F) {
	f.Add("accounts:9", "accounts:10", "accounts:010")
	f.Add("a1b2", "a01b2", "a1b02")
	f.Add("HTTP 401", "HTTP 4010", "")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		ab, ba := sign(entry.CompareCodes(a, b)), sign(entry.CompareCodes(b, a))
		if ab != -ba {
			t.Fatalf("not antisymmetric: (%q, %q) = %d, reversed %d", a, b, ab, ba)
		}
		if (ab == 0) != (a == b) {
			t.Fatalf("CompareCodes(%q, %q) = 0 for different codes, or not 0 for equal ones", a, b)
		}
		bc, ac := sign(entry.CompareCodes(b, c)), sign(entry.CompareCodes(a, c))
		if ab <= 0 && bc <= 0 && ac > 0 {
			t.Fatalf("not transitive: %q <= %q <= %q but %q > %q", a, b, c, a, c)
		}
	})
}

func TestLess(t *testing.T) {
	e := func(id, code string, position int, cats ...entry.Category) *entry.Entry {
		return &entry.Entry{ID: id, Code: code, Position: position, Categories: cats}
	}
	// The reference order: the upstream's entries by position, whatever
	// their group (Error 30 is network, after the installer errors, as
	// upstream); then the rest by group, code, id.
	want := []*entry.Entry{
		e("auth-1", "auth:1", 1, "auth"),
		e("installer-error-18", "Installer error 18", 34, "installer"),
		e("error-30", "Error 30", 36, "network", "installer"),
		e("auth-99", "auth:99", 0, "auth"),
		e("auth-100", "auth:100", 0, "auth"),
		e("desktop-login-accounts-99", "desktop_login_accounts:99", 0, "network", "auth"), // group auth
		e("accesspoint-60", "accesspoint:60", 0, "network"),
		e("x-1", "x:1", 0, "drm"),
		e("x-1-b", "x:1", 0, "drm"), // same code (check reports it): by id
		e("http-418-teapot", "HTTP 418 — TEAPOT", 0, "webapi"),
		e("weird", "weird", 0), // no known category: last
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		got := slices.Clone(want)
		r.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, entry.Less)
		if !slices.Equal(got, want) {
			ids := func(es []*entry.Entry) []string {
				var s []string
				for _, e := range es {
					s = append(s, e.ID)
				}
				return s
			}
			t.Fatalf("sorted: %q\nwant %q", ids(got), ids(want))
		}
	}
}

func sign(n int) int { return cmp.Compare(n, 0) }
