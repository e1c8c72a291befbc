package entry_test

import (
	"testing"

	"github.com/errref/errref/entry"
)

func TestHeadline(t *testing.T) {
	for msg, want := range map[string]string{
		"A firewall may be blocking Spotify. Please update your firewall to allow Spotify.": "A firewall may be blocking Spotify.",
		"A firewall may be blocking Spotify. (Error code: accesspoint:39)":                  "A firewall may be blocking Spotify.",
		"Something went wrong (Error code: auth:73)":                                        "Something went wrong",
		"  Spaced out.  ":                   "Spaced out.",
		"No sentence end":                   "No sentence end",
		"Version 1.2.3 is old. Update now.": "Version 1.2.3 is old.",
		"Really? Yes.":                      "Really?",
		"":                                  "",
	} {
		if got := entry.Headline(msg); got != want {
			t.Errorf("Headline(%q) = %q, want %q", msg, got, want)
		}
	}
}

func TestBreakingPoint(t *testing.T) {
	e := &entry.Entry{Chain: []entry.Node{{Label: "App start"}, {Label: "Timeout", State: entry.Critical}}}
	if got := e.BreakingPoint(); got != "Timeout" {
		t.Errorf("BreakingPoint() = %q, want the last node's label", got)
	}
	if got := (&entry.Entry{}).BreakingPoint(); got != "" {
		t.Errorf("BreakingPoint() of an empty chain = %q, want \"\"", got)
	}
}

func TestPlaceholder(t *testing.T) {
	todo := entry.Todo("the trigger")
	if todo != "TODO: the trigger" {
		t.Errorf("Todo = %q", todo)
	}
	for s, want := range map[string]bool{
		todo:                true,
		"  " + todo:         true,
		"TODO":              true,
		"App start":         false,
		"Nothing TODO here": false,
	} {
		if got := entry.IsPlaceholder(s); got != want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", s, got, want)
		}
	}
}
