package diag_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/diag"
)

// TestRelatedAndAcknowledged: every format carries the other entry of a
// finding about two, and the reason of an acknowledged finding.
func TestRelatedAndAcknowledged(t *testing.T) {
	ds := []diag.Diagnostic{{
		File: "entries/b.json", Line: 2, Col: 9, Pointer: "/id", Rule: "identity", Level: diag.Error,
		Message: `id: found "a", which entries/a.json already has; want a unique id`,
		Related: []diag.Location{{File: "entries/a.json", Line: 2, Col: 9, Pointer: "/id", Message: `the other entry with id "a"`}},
	}, {
		File: "entries/c.json", Line: 37, Col: 16, Pointer: "/chain/2/state", Rule: "severity", Level: diag.Error,
		Message: `severity: found "info" with critical node "Conflict"`, Acknowledged: "Expected and harmless.",
	}}
	for format, want := range map[string]string{
		"text": `entries/b.json:2:9: error: /id: id: found "a", which entries/a.json already has; want a unique id [identity]
    entries/a.json:2:9: /id: the other entry with id "a"
entries/c.json:37:16: error: /chain/2/state: severity: found "info" with critical node "Conflict" [severity]
    acknowledged: Expected and harmless.
`,
		"github": `::error file=entries/b.json,line=2,col=9,title=identity::/id: id: found "a", which entries/a.json already has; want a unique id%0Asee entries/a.json:2:9: /id: the other entry with id "a"
::notice file=entries/c.json,line=37,col=16,title=severity::/chain/2/state: severity: found "info" with critical node "Conflict"%0Aacknowledged: Expected and harmless.
`,
		"json": `{"file":"entries/b.json","line":2,"column":9,"pointer":"/id","rule":"identity","level":"error","message":"id: found \"a\", which entries/a.json already has; want a unique id","related":[{"file":"entries/a.json","line":2,"column":9,"pointer":"/id","message":"the other entry with id \"a\""}]}
{"file":"entries/c.json","line":37,"column":16,"pointer":"/chain/2/state","rule":"severity","level":"error","message":"severity: found \"info\" with critical node \"Conflict\"","acknowledged":"Expected and harmless."}
`,
	} {
		if diff := cmp.Diff(want, write(t, format, ds, diag.Meta{})); diff != "" {
			t.Errorf("%s (-want +got):\n%s", format, diff)
		}
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Related []struct {
					ID       int
					Message  struct{ Text string }
					Physical struct {
						Artifact struct{ URI string } `json:"artifactLocation"`
						Region   struct{ StartLine, StartColumn int }
					} `json:"physicalLocation"`
				} `json:"relatedLocations"`
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal([]byte(write(t, "sarif", ds, diag.Meta{})), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if r := res[0].Related; len(r) != 1 || r[0].ID != 1 || r[0].Physical.Artifact.URI != "entries/a.json" || r[0].Physical.Region.StartLine != 2 || r[0].Message.Text != `the other entry with id "a"` {
		t.Errorf("sarif relatedLocations = %+v", r)
	}
	if s := res[1].Suppressions; len(s) != 1 || s[0].Kind != "inSource" || s[0].Justification != "Expected and harmless." {
		t.Errorf("sarif suppressions = %+v", s)
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		noun string
		want string
	}{
		{0, "file", "0 files"},
		{1, "file", "1 file"},
		{2, "entry", "2 entries"},
		{1, "entry", "1 entry"},
		{3, "key", "3 keys"},
		{4, "exporter", "4 exporters"},
	} {
		if got := diag.Plural(c.n, c.noun); got != c.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", c.n, c.noun, got, c.want)
		}
	}
}
