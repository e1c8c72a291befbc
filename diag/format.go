package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/errref/errref/internal/printable"
)

// Formats are the names Write accepts, the default first.
var Formats = []string{"text", "json", "github", "sarif"}

// RuleMeta describes a rule for formats that carry rule metadata (SARIF),
// so that this package need not know the rules.
type RuleMeta struct {
	Name  string
	Title string // one line
	Doc   string // the rest of the documentation
	Level Level  // default level
	URL   string // where the rule is documented; may be empty
}

// Meta is what a log says about the tool that wrote it.
type Meta struct {
	Tool           string
	Version        string
	InformationURI string
	Rules          []RuleMeta
	// Source returns a file's bytes, to turn byte columns into the
	// character columns SARIF wants; nil, or nil bytes, keeps byte columns.
	Source func(file string) []byte
}

// Write writes ds in the named format. ds should be sorted (Sort).
func Write(w io.Writer, format string, ds []Diagnostic, meta Meta) error {
	switch format {
	case "text":
		return WriteText(w, ds)
	case "json":
		return WriteJSON(w, ds)
	case "github":
		return WriteGitHub(w, ds)
	case "sarif":
		return WriteSARIF(w, ds, meta)
	}
	return fmt.Errorf("unknown format %q (want one of %s)", format, strings.Join(Formats, ", "))
}

// lineBreaks keeps a text diagnostic on one line whatever its content.
var lineBreaks = strings.NewReplacer("\r", `\r`, "\n", `\n`)

// WriteText writes one String() line per diagnostic, with line breaks in
// it escaped so that each diagnostic stays on one line; then an indented
// line for each related location, and one for the reason of an
// acknowledged finding.
func WriteText(w io.Writer, ds []Diagnostic) error {
	var b bytes.Buffer
	for _, d := range ds {
		b.WriteString(lineBreaks.Replace(d.String()))
		b.WriteByte('\n')
		for _, l := range d.Related {
			b.WriteString("    " + lineBreaks.Replace(l.String()) + "\n")
		}
		if d.Acknowledged != "" {
			b.WriteString("    acknowledged: " + printable.Escape(d.Acknowledged) + "\n")
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteJSON writes JSON Lines: one Diagnostic object per line.
func WriteJSON(w io.Writer, ds []Diagnostic) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, d := range ds {
		if err := enc.Encode(d); err != nil {
			return fmt.Errorf("%s: %w", d.File, err)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

var githubCommands = [...]string{Error: "error", Warning: "warning", Info: "notice"}

// WriteGitHub writes GitHub Actions workflow commands, which the runner
// turns into annotations on the lines of a pull request:
// "::error file=F,line=L,col=C,title=RULE::/pointer: message".
func WriteGitHub(w io.Writer, ds []Diagnostic) error {
	var b bytes.Buffer
	for _, d := range ds {
		cmd := "error"
		if d.Level >= 0 && int(d.Level) < len(githubCommands) {
			cmd = githubCommands[d.Level]
		}
		msg := escapeLines(pointed(d.Pointer, d.Message))
		for _, l := range d.Related {
			msg += "\nsee " + l.String()
		}
		if d.Acknowledged != "" {
			cmd = githubCommands[Info]
			msg += "\nacknowledged: " + escapeLines(d.Acknowledged)
		}
		fmt.Fprintf(&b, "::%s file=%s,line=%d,col=%d,title=%s::%s\n", cmd,
			GitHubProperty(d.File), d.Line, d.Col, GitHubProperty(d.Rule), GitHubData(msg))
	}
	_, err := w.Write(b.Bytes())
	return err
}

var (
	ghData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// escapeLines escapes what cannot be printed as it is in each line of s
// (printable.Escape), keeping its line breaks: an annotation may span
// lines.
func escapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = printable.Escape(l)
	}
	return strings.Join(lines, "\n")
}

// GitHubData escapes the message of a workflow command.
func GitHubData(s string) string { return ghData.Replace(s) }

// GitHubProperty escapes a property value of a workflow command.
func GitHubProperty(s string) string { return ghProperty.Replace(s) }

// SARIF 2.1.0, the parts code scanning reads.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		ColumnKind string        `json:"columnKind"`
		Results    []sarifResult `json:"results"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri,omitempty"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string       `json:"id"`
		ShortDescription sarifMessage `json:"shortDescription"`
		FullDescription  sarifMessage `json:"fullDescription"`
		HelpURI          string       `json:"helpUri,omitempty"`
		Default          sarifConfig  `json:"defaultConfiguration"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID       string             `json:"ruleId"`
		RuleIndex    *int               `json:"ruleIndex,omitempty"`
		Level        string             `json:"level"`
		Message      sarifMessage       `json:"message"`
		Locations    []sarifLocation    `json:"locations"`
		Related      []sarifLocation    `json:"relatedLocations,omitempty"`
		Suppressions []sarifSuppression `json:"suppressions,omitempty"`
		Properties   *sarifProps        `json:"properties,omitempty"`
	}
	sarifLocation struct {
		ID       *int          `json:"id,omitempty"`
		Physical sarifPhysical `json:"physicalLocation"`
		Message  *sarifMessage `json:"message,omitempty"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	}
	sarifPhysical struct {
		Artifact sarifArtifact `json:"artifactLocation"`
		Region   sarifRegion   `json:"region"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
	}
	sarifProps struct {
		Pointer string `json:"pointer"`
		Fix     *Fix   `json:"fix,omitempty"`
	}
)

// SARIFSchema is the schema a SARIF log names.
const SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

var sarifLevels = [...]string{Error: "error", Warning: "warning", Info: "note"}

func sarifLevel(l Level) string {
	if l >= 0 && int(l) < len(sarifLevels) {
		return sarifLevels[l]
	}
	return "error"
}

// WriteSARIF writes one SARIF 2.1.0 log with one run: the rules of meta in
// the driver, and each diagnostic as a result located by file, line and
// column (in Unicode code points when meta.Source has the file) and JSON
// pointer (in the result's properties).
func WriteSARIF(w io.Writer, ds []Diagnostic, meta Meta) error {
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: meta.Tool, Version: meta.Version, InformationURI: meta.InformationURI, Rules: []sarifRule{}}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	if run.Tool.Driver.Name == "" {
		run.Tool.Driver.Name = "errref"
	}
	index := map[string]int{}
	for _, r := range meta.Rules {
		index[r.Name] = len(run.Tool.Driver.Rules)
		full := strings.TrimSpace(r.Doc)
		if full == "" {
			full = r.Title
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: r.Name, ShortDescription: sarifMessage{r.Title}, FullDescription: sarifMessage{full},
			HelpURI: r.URL, Default: sarifConfig{sarifLevel(r.Level)},
		})
	}
	for _, d := range ds {
		res := sarifResult{
			RuleID:  d.Rule,
			Level:   sarifLevel(d.Level),
			Message: sarifMessage{d.Message},
			Locations: []sarifLocation{{Physical: sarifPhysical{
				Artifact: sarifArtifact{URI: uriPath(d.File), URIBaseID: "%SRCROOT%"},
				Region:   sarifRegion{StartLine: max(d.Line, 1), StartColumn: charColumn(meta.Source, d)},
			}}},
		}
		for i, l := range d.Related {
			id := i + 1
			res.Related = append(res.Related, sarifLocation{ID: &id, Message: &sarifMessage{l.Message},
				Physical: sarifPhysical{
					Artifact: sarifArtifact{URI: uriPath(l.File), URIBaseID: "%SRCROOT%"},
					Region:   sarifRegion{StartLine: max(l.Line, 1), StartColumn: charColumn(meta.Source, Diagnostic{File: l.File, Line: l.Line, Col: l.Col})},
				}})
		}
		if d.Acknowledged != "" {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: d.Acknowledged}}
		}
		if i, ok := index[d.Rule]; ok {
			res.RuleIndex = &i
		}
		if d.Pointer != "" || d.Fix != nil {
			res.Properties = &sarifProps{Pointer: d.Pointer, Fix: d.Fix}
		}
		run.Results = append(run.Results, res)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(sarifLog{Schema: SARIFSchema, Version: "2.1.0", Runs: []sarifRun{run}}); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// uriPath percent-encodes what a relative URI reference cannot hold as is.
func uriPath(p string) string {
	var b strings.Builder
	for _, c := range []byte(p) {
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"%<>?#[\]^{|}`+"`", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// charColumn turns d's byte column into a column in code points.
func charColumn(source func(string) []byte, d Diagnostic) int {
	col := max(d.Col, 1)
	if source == nil {
		return col
	}
	data := source(d.File)
	if data == nil {
		return col
	}
	lines := bytes.SplitN(data, []byte{'\n'}, d.Line+1)
	if d.Line < 1 || d.Line > len(lines) {
		return col
	}
	line := lines[d.Line-1]
	end := min(col-1, len(line))
	return utf8.RuneCount(line[:end]) + 1 + max(col-1-len(line), 0)
}
