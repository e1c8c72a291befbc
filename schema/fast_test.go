package schema

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v5"
)

func FuzzFastPatterns(f *testing.F) {
	for _, s := range []string{"", "a", "a\tb", "\n", "x\r", "é\u2028", "\xff", "ok text",
		"auth-73", "a--b", "-a", "accounts:53–55", "x 1 - 22", "1-", "auth:73", "Auth_1:x", "a: b", "en", "en-US", "zh-Hant-TW", "en-", "e",
		"/causes/0", "/a\tb", "spotify_client", "_x", "misleading-message"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for p, match := range fastPatterns {
			if got, want := match(s), regexp.MustCompile(p).MatchString(s); got != want {
				t.Errorf("pattern %s on %q: fast %v, regexp %v", p, s, got, want)
			}
		}
	})
}

// TestFastPatternsSameErrors validates documents against the schema as
// shipped and as compiled without the fast patterns: the errors are the
// same, keyword locations and messages included.
func TestFastPatternsSameErrors(t *testing.T) {
	plainAll, err := compile(Files)
	if err != nil {
		t.Fatal(err)
	}
	fastAll, err := compile(Files)
	if err != nil {
		t.Fatal(err)
	}
	plain, fast := plainAll[ID], fastAll[ID]
	if speedUp(fast) == 0 {
		t.Fatal("no pattern was replaced: fastPatterns no longer match the schema's")
	}
	for _, doc := range []string{
		`{"id": "a", "code": "a\tb", "title": "t\nx", "codes": [{"code": "c\r"}], "causes": ["\t"], "note": {"kind": "x", "text": "a\tb", "title": "ok"}}`,
		`{"title": 3, "code": "", "codes": [{"code": "–"}]}`,
		`{"title": "` + strings.Repeat("long ", 30) + `", "code": 7, "causes": ["", "a\tb", 3]}`,
		`{"message": {"variants": [{"text": "one\ttwo", "when": "\n"}]}}`,
	} {
		var v any
		if err := json.Unmarshal([]byte(doc), &v); err != nil {
			t.Fatal(err)
		}
		want, got := plain.Validate(v), fast.Validate(v)
		if len(leafSet(want)) < 2 {
			t.Errorf("%s: found %v; want invalid", doc, want)
		}
		if diff := cmp.Diff(leafSet(want), leafSet(got)); diff != "" {
			t.Errorf("%s: errors differ (-plain +fast):\n%s", doc, diff)
		}
	}
}

// leafSet is the leaf errors of err: instance, keyword and absolute
// keyword locations, and message.
func leafSet(err error) map[string]bool {
	out := map[string]bool{}
	var walk func(*jsonschema.ValidationError)
	walk = func(ve *jsonschema.ValidationError) {
		if len(ve.Causes) == 0 {
			out[ve.InstanceLocation+" "+ve.KeywordLocation+" "+ve.AbsoluteKeywordLocation+": "+ve.Message] = true
		}
		for _, c := range ve.Causes {
			walk(c)
		}
	}
	if ve, ok := err.(*jsonschema.ValidationError); ok {
		walk(ve)
	}
	return out
}

// TestFastPatternsUsed: every fast pattern is one the shipped schemas
// use, so that none is kept (and fuzzed) for nothing.
func TestFastPatternsUsed(t *testing.T) {
	used := map[string]bool{}
	all, err := compile(Files)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		walk(s, map[*jsonschema.Schema]bool{}, func(s *jsonschema.Schema) {
			if s.Pattern != nil {
				used[s.Pattern.String()] = true
			}
		})
	}
	for p := range fastPatterns {
		if !used[p] {
			t.Errorf("fast pattern %s is in no schema", p)
		}
	}
}
