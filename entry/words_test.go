package entry_test

import (
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
