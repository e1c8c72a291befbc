package diag_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/diag"
)

// sample has one finding of each level, with text hostile to each format.
var sample = []diag.Diagnostic{
	{File: "entries/a.json", Line: 3, Col: 9, Pointer: "/id", Rule: "naming", Level: diag.Error,
		Message: `id: found "a,b", want "a-b"`, Fix: &diag.Fix{Message: "derive the id", Pointer: "/id", Value: "a-b"}},
	{File: "entries/a.json", Line: 7, Col: 17, Pointer: "/title", Rule: "style", Level: diag.Warning,
		Message: "title: 100% <b>&</b>\nsecond line"},
	{File: "entries/b,c:d.json", Line: 2, Col: 5, Rule: "shared-message", Level: diag.Info, Message: "message: é → x"},
}

func write(t *testing.T, format string, ds []diag.Diagnostic, meta diag.Meta) string {
	t.Helper()
	var b bytes.Buffer
	if err := diag.Write(&b, format, ds, meta); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWrite(t *testing.T) {
	tests := []struct {
		format, want string
	}{
		{"text", `entries/a.json:3:9: error: /id: id: found "a,b", want "a-b" [naming]
entries/a.json:7:17: warning: /title: title: 100% <b>&</b>\nsecond line [style]
entries/b,c:d.json:2:5: info: message: é → x [shared-message]
`},
		{"json", `{"file":"entries/a.json","line":3,"column":9,"pointer":"/id","rule":"naming","level":"error","message":"id: found \"a,b\", want \"a-b\"","fix":{"message":"derive the id","pointer":"/id","value":"a-b"}}
{"file":"entries/a.json","line":7,"column":17,"pointer":"/title","rule":"style","level":"warning","message":"title: 100% <b>&</b>\nsecond line"}
{"file":"entries/b,c:d.json","line":2,"column":5,"pointer":"","rule":"shared-message","level":"info","message":"message: é → x"}
`},
		{"github", `::error file=entries/a.json,line=3,col=9,title=naming::/id: id: found "a,b", want "a-b"
::warning file=entries/a.json,line=7,col=17,title=style::/title: title: 100%25 <b>&</b>%0Asecond line
::notice file=entries/b%2Cc%3Ad.json,line=2,col=5,title=shared-message::message: é → x
`},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, write(t, tt.format, sample, diag.Meta{})); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if got := write(t, tt.format, nil, diag.Meta{}); got != "" {
				t.Errorf("no diagnostics: got %q; want nothing", got)
			}
		})
	}
	var b bytes.Buffer
	if err := diag.Write(&b, "xml", sample, diag.Meta{}); err == nil || !strings.Contains(err.Error(), "text, json, github, sarif") {
		t.Errorf("unknown format: err = %v", err)
	}
}

// sarifLog is the part of SARIF 2.1.0 the test reads back.
type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID               string `json:"id"`
					ShortDescription struct{ Text string }
					FullDescription  struct{ Text string }
					HelpURI          string `json:"helpUri"`
					Default          struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct{ Text string }
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine   int `json:"startLine"`
						StartColumn int `json:"startColumn"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Properties struct {
				Pointer string `json:"pointer"`
			} `json:"properties"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIF(t *testing.T) {
	meta := diag.Meta{
		Tool: "errref",
		Rules: []diag.RuleMeta{
			{Name: "naming", Title: "Names agree", Doc: "Why.", Level: diag.Error, URL: "https://example.com/rules#naming"},
			{Name: "style", Title: "Tidy", Level: diag.Warning},
		},
		// Line 7 of a.json has two 2-byte characters before the value.
		Source: func(file string) []byte {
			if file == "entries/a.json" {
				return []byte("1\n2\n3\n4\n5\n6\n  \"é\": \"é\",\n")
			}
			return nil
		},
	}
	ds := append([]diag.Diagnostic(nil), sample...)
	ds[1].Col = 10 // after the 9 bytes (8 characters) of `  "é": "`
	out := write(t, "sarif", ds, meta)
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if log.Version != "2.1.0" || log.Schema != diag.SARIFSchema || len(log.Runs) != 1 {
		t.Fatalf("version %q, schema %q, %d runs; want 2.1.0, the schema, one run", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || run.Tool.Driver.Name != "errref" {
		t.Errorf("columnKind %q, driver %q", run.ColumnKind, run.Tool.Driver.Name)
	}
	if len(run.Tool.Driver.Rules) != 2 || run.Tool.Driver.Rules[0].FullDescription.Text != "Why." ||
		run.Tool.Driver.Rules[1].FullDescription.Text != "Tidy" || run.Tool.Driver.Rules[1].Default.Level != "warning" {
		t.Errorf("rules: %+v", run.Tool.Driver.Rules)
	}
	type result struct {
		Rule, Level, Message, URI, Pointer string
		Index, Line, Col                   int
	}
	var got []result
	for _, r := range run.Results {
		idx := -1
		if r.RuleIndex != nil {
			idx = *r.RuleIndex
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("uriBaseId %q", loc.ArtifactLocation.URIBaseID)
		}
		got = append(got, result{r.RuleID, r.Level, r.Message.Text, loc.ArtifactLocation.URI, r.Properties.Pointer, idx, loc.Region.StartLine, loc.Region.StartColumn})
	}
	want := []result{
		{"naming", "error", `id: found "a,b", want "a-b"`, "entries/a.json", "/id", 0, 3, 9},
		{"style", "warning", "title: 100% <b>&</b>\nsecond line", "entries/a.json", "/title", 1, 7, 9},
		{"shared-message", "note", "message: é → x", "entries/b,c:d.json", "", -1, 2, 5},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if again := write(t, "sarif", ds, meta); again != out {
		t.Error("SARIF output is not deterministic")
	}
}

func unescapeGitHub(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// FuzzGitHub: escaped values never break the command line and unescape
// to the original.
func FuzzGitHub(f *testing.F) {
	for _, s := range []string{"", "a,b:c", "100%", "x\ny\rz", "%0A", "::error::", "é → x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, esc := range []string{diag.GitHubData(s), diag.GitHubProperty(s)} {
			if strings.ContainsAny(esc, "\r\n") {
				t.Fatalf("%q escapes to %q, with a line break", s, esc)
			}
			if got := unescapeGitHub(esc); got != s {
				t.Fatalf("%q escapes to %q, which unescapes to %q", s, esc, got)
			}
		}
		if p := diag.GitHubProperty(s); strings.ContainsAny(p, ",:") {
			t.Fatalf("property %q keeps a separator", p)
		}
	})
}

// FuzzFormats: any diagnostic gives one line in text, json and github,
// JSON that decodes back to it, and a SARIF log that parses.
func FuzzFormats(f *testing.F) {
	f.Add("entries/a.json", 1, 1, "/id", "naming", "msg")
	f.Add("entries/x\ny.json", -3, 0, "/a~1b", "r,u:le", "100%\r\n<&>\"\\")
	f.Fuzz(func(t *testing.T, file string, line, col int, ptr, rule, msg string) {
		d := diag.Diagnostic{File: file, Line: line, Col: col, Pointer: ptr, Rule: rule, Level: diag.Warning, Message: msg}
		for _, format := range []string{"text", "json", "github"} {
			out := write(t, format, []diag.Diagnostic{d}, diag.Meta{})
			if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
				t.Fatalf("%s: %q is not one line", format, out)
			}
		}
		var back diag.Diagnostic
		var raw struct {
			Level string `json:"level"`
		}
		out := write(t, "json", []diag.Diagnostic{d}, diag.Meta{})
		if err := json.Unmarshal([]byte(out), &raw); err != nil || raw.Level != "warning" {
			t.Fatalf("json level: %v %q", err, raw.Level)
		}
		dec := json.NewDecoder(strings.NewReader(strings.Replace(out, `"level":"warning"`, `"level":1`, 1)))
		if err := dec.Decode(&back); err != nil {
			t.Fatal(err)
		}
		// JSON carries text: invalid UTF-8 comes back replaced, by design.
		if utf8.ValidString(file+ptr+rule+msg) && !cmp.Equal(back, d) {
			t.Fatalf("json round trip: got %+v; want %+v", back, d)
		}
		sarif := write(t, "sarif", []diag.Diagnostic{d}, diag.Meta{Source: func(string) []byte { return []byte("é\n\n") }})
		var v any
		if err := json.Unmarshal([]byte(sarif), &v); err != nil {
			t.Fatalf("sarif: %v", err)
		}
	})
}

// TestHiddenCharactersEscaped: a message quoting an entry's value (a schema
// error's "found …") cannot hide a character, reorder what a terminal
// or a pull request's annotation shows (U+202E), send a terminal escape
// or break a line: text and github print such characters escaped, as
// build and fmt do (they print Diagnostic.String). (json and sarif are
// data for programs, escaped by JSON's rules.)
func TestHiddenCharactersEscaped(t *testing.T) {
	d := diag.Diagnostic{File: "entries/a.json", Line: 10, Col: 15, Pointer: "/severity\u202e", Rule: "schema", Level: diag.Error,
		Message: "found \"e\x1b[2J\u202e\u200b\u009b\"; want one of \"info\"", Acknowledged: "why\u2066\nnot",
		Related: []diag.Location{{File: "entries/b.json", Line: 1, Col: 1, Message: "see \u202eb"}}}
	want := `/severity\u202e: found "e\x1b[2J\u202e\u200b\u009b"; want one of "info"`
	if got := d.String(); !strings.Contains(got, want) {
		t.Errorf("String() = %q, want it to hold %q", got, want)
	}
	for _, format := range []string{"text", "github"} {
		out := write(t, format, []diag.Diagnostic{d}, diag.Meta{})
		if strings.ContainsAny(out, "\x1b\u202e\u200b\u009b\u2066") {
			t.Errorf("%s: output holds a hidden character:\n%q", format, out)
		}
		if !strings.Contains(out, `e\x1b[2J\u202e`) {
			t.Errorf("%s: output lacks the escaped value:\n%s", format, out)
		}
	}
}
