package entry_test

import (
	"slices"
	"testing"

	"github.com/errref/errref/entry"
)

func TestLookupAndMatches(t *testing.T) {
	e := &entry.Entry{
		ID: "accounts-53-55", Code: "accounts:53–55",
		Codes:      []entry.Code{{Code: "accounts:53", Meaning: "proxy 401"}, {Code: "accounts:54", Meaning: "proxy 403"}, {Code: "accounts:55", Meaning: "proxy 407"}},
		Title:      "Proxy blocking Spotify",
		Resolution: []string{"Spotify Settings → Advanced → Proxy"},
	}
	for _, tc := range []struct {
		code string
		want bool
	}{
		{"accounts:54", true}, {"Accounts: 54", true}, {"accounts:53–55", true}, {"accounts-53-55", true},
		{"accounts:56", false}, {"accounts:5", false}, {"", false}, {"54", false},
	} {
		if got := len(entry.Lookup([]*entry.Entry{e}, tc.code)) == 1; got != tc.want {
			t.Errorf("Lookup(%q) found it: %v; want %v", tc.code, got, tc.want)
		}
	}
	// A code with a status and a name ("HTTP 403 — PREMIUM_REQUIRED") is
	// found by its status alone, as a user reads it in a log, and by its
	// name; an exact code wins over those.
	http := []*entry.Entry{
		{ID: "http-403-premium-required", Code: "HTTP 403 — PREMIUM_REQUIRED", Codes: []entry.Code{{Code: "HTTP 403 — PREMIUM_REQUIRED"}}},
		{ID: "http-403-restriction-violated", Code: "HTTP 403 — RESTRICTION_VIOLATED", Codes: []entry.Code{{Code: "HTTP 403 — RESTRICTION_VIOLATED"}}},
		{ID: "http-429", Code: "HTTP 429", Codes: []entry.Code{{Code: "HTTP 429"}}},
		{ID: "http-429-too-many-requests", Code: "HTTP 429 — Too Many Requests", Codes: []entry.Code{{Code: "HTTP 429 — Too Many Requests"}}},
	}
	for _, tc := range []struct {
		code string
		want []string
	}{
		{"HTTP 403", []string{"http-403-premium-required", "http-403-restriction-violated"}},
		{"http 403 — premium_required", []string{"http-403-premium-required"}},
		{"PREMIUM_REQUIRED", []string{"http-403-premium-required"}},
		{"HTTP 429", []string{"http-429"}},
		{"HTTP 40", nil}, {"403", nil}, {"—", nil},
	} {
		var got []string
		for _, e := range entry.Lookup(http, tc.code) {
			got = append(got, e.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Lookup(%q) = %q; want %q", tc.code, got, tc.want)
		}
	}
	for _, tc := range []struct {
		query []string
		want  bool
	}{
		{entry.Words("proxy 407"), true}, {entry.Words("PROXY advanc"), true}, {entry.Words("proxy 408"), false},
		{entry.Words("firewall"), false}, {nil, true},
	} {
		if got := e.Matches(tc.query); got != tc.want {
			t.Errorf("Matches(%q) = %v; want %v", tc.query, got, tc.want)
		}
	}
}
