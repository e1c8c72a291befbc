package exporters

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/errref/errref/entry"
)

// LLMs writes the upstream's two plain-text files in its formats.
var LLMs = &Exporter{
	Name: "llms",
	Doc: `The llms.txt and llms-full.txt plain-text files

llms.txt is an index (one line per entry with its severity); llms-full.txt
holds every entry in full, grouped by area in reference order. Both keep
the upstream's line formats, so existing readers keep working.`,
	Files: []string{"llms.txt", "llms-full.txt"},
	Export: func(b *Bundle) ([]File, error) {
		if err := checkOneLine(b); err != nil {
			return nil, fmt.Errorf("llms.txt: %w", err)
		}
		return llmsFiles(b, ""), nil
	},
}

// lineBreaks are the characters that some reader of a plain-text file
// takes for the end of a line.
const lineBreaks = "\n\r\v\f\u0085\u2028\u2029"

// checkOneLine refuses an entry with a line break in any string: every
// value of the plain-text files sits on one line, and a break would let
// data forge a heading ("### ") or a field ("Severity: ").
func checkOneLine(b *Bundle) error {
	if b.shared != nil {
		return b.shared.oneLine()
	}
	return oneLine(b)
}

func oneLine(b *Bundle) error {
	for _, e := range b.Entries {
		data, err := jsonv2.Marshal(e)
		if err != nil {
			return fmt.Errorf("entry %s: %w", e.ID, err)
		}
		if !mayBreakLine(data) {
			continue
		}
		dec := jsontext.NewDecoder(bytes.NewReader(data))
		for {
			tok, err := dec.ReadToken()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("entry %s: %w", e.ID, err)
			}
			if tok.Kind() == '"' && strings.ContainsAny(tok.String(), lineBreaks) {
				return fmt.Errorf("entry %s: %s: %q holds a line break, which the plain-text format cannot carry", e.ID, dec.StackPointer(), tok.String())
			}
		}
	}
	return nil
}

// mayBreakLine reports whether the JSON text data may hold a line break
// in a string: raw, or as an escape (\n, \r, \f or any \u). Most entries
// have none, and are then spared the tokenizer.
func mayBreakLine(data []byte) bool {
	return bytes.ContainsAny(data, lineBreaks) || bytes.Contains(data, []byte(`\n`)) || bytes.Contains(data, []byte(`\r`)) ||
		bytes.Contains(data, []byte(`\f`)) || bytes.Contains(data, []byte(`\u`))
}

// MissingMessage stands in for the message of an entry that has none
// because of a locale gap.
const MissingMessage = "(No message shown — locale string is absent, a known client bug.)"

// llmsFiles are llms.txt and llms-full.txt in the folder dir ("" or
// "site/"), written as they render: llms-full.txt is 66 MB at 100,000
// entries.
func llmsFiles(b *Bundle, dir string) []File {
	return []File{
		{Name: dir + "llms.txt", Stream: func(w io.Writer) error { writeLLMsIndex(w, b); return nil }},
		{Name: dir + "llms-full.txt", Stream: func(w io.Writer) error { writeLLMsFull(w, b); return nil }},
	}
}

// LLMsFull renders llms-full.txt.
func LLMsFull(b *Bundle) string {
	var sb strings.Builder
	writeLLMsFull(&sb, b)
	return sb.String()
}

// writeLLMsFull writes llms-full.txt to w, whose errors are its
// caller's to see (File.Stream).
func writeLLMsFull(w io.Writer, b *Bundle) {
	io.WriteString(w, "# Spotify Desktop Error Reference — Full Reference\n\n")
	fmt.Fprintf(w, "Source: %s\n", b.BaseURL)
	fmt.Fprintf(w, "Repository: %s\n", b.RepoURL)
	fmt.Fprintf(w, "Scope: %s desktop client. %d error codes documented.\n", scope(b.Entries), len(b.Entries))
	io.WriteString(w, "Unofficial community reference based on observed client behavior and user-reported reproduction cases. Not affiliated with or endorsed by Spotify AB.\n")
	for _, g := range Groups(b.Entries) {
		fmt.Fprintf(w, "\n## %s\n", g.Label)
		for _, e := range g.Entries {
			writeFullEntry(w, e)
		}
	}
}

// EntryText renders one entry as llms-full.txt does: what errref show
// prints.
func EntryText(e *entry.Entry) string {
	var sb strings.Builder
	writeFullEntry(&sb, e)
	return strings.TrimPrefix(sb.String(), "\n")
}

func writeFullEntry(w io.Writer, e *entry.Entry) {
	fmt.Fprintf(w, "\n### %s — %s\n", e.Code, e.Title)
	fmt.Fprintf(w, "Severity: %s\n", e.Severity)
	fmt.Fprintf(w, "Displayed message: \"%s\"\n", PlainMessage(e))
	nodes := make([]string, len(e.Chain))
	for i, n := range e.Chain {
		nodes[i] = n.String()
	}
	fmt.Fprintf(w, "Cause chain: %s\n", strings.Join(nodes, " -> "))
	io.WriteString(w, "Causes:\n")
	for _, c := range e.Causes {
		fmt.Fprintf(w, "  - %s\n", c)
	}
	io.WriteString(w, "Resolution:\n")
	for i, s := range e.Resolution {
		fmt.Fprintf(w, "  %d. %s\n", i+1, entry.PlainStep(s))
	}
	if e.Note != nil {
		fmt.Fprintf(w, "Note: %s: %s\n", e.Note.Lead(), e.Note.Text)
	}
}

// PlainMessage renders the displayed message on one line as the upstream
// did: variants joined by " — or — ", the meanings of a range's codes
// appended, and a placeholder where a locale gap leaves it blank.
func PlainMessage(e *entry.Entry) string {
	if len(e.Message.Variants) == 0 {
		return MissingMessage
	}
	texts := make([]string, len(e.Message.Variants))
	for i, v := range e.Message.Variants {
		texts[i] = v.Text
	}
	msg := strings.Join(texts, " — or — ")
	if legend := codeLegend(e); legend != "" {
		msg += " (" + legend + ")"
	}
	return msg
}

// codeLegend lists what each code of a range means: "53 = proxy 401 · …".
// It is empty unless the entry covers several codes that all have one.
func codeLegend(e *entry.Entry) string {
	if len(e.Codes) < 2 {
		return ""
	}
	parts := make([]string, len(e.Codes))
	for i, c := range e.Codes {
		if c.Meaning == "" {
			return ""
		}
		_, num, _ := strings.Cut(c.Code, ":")
		parts[i] = num + " = " + c.Meaning
	}
	return strings.Join(parts, " · ")
}

// LLMsIndex renders llms.txt.
func LLMsIndex(b *Bundle) string {
	var sb strings.Builder
	writeLLMsIndex(&sb, b)
	return sb.String()
}

// writeLLMsIndex writes llms.txt to w, whose errors are its caller's to
// see (File.Stream).
func writeLLMsIndex(w io.Writer, b *Bundle) {
	io.WriteString(w, "# Spotify Desktop Error Reference\n\n")
	fmt.Fprintf(w, "> Community reference for error codes in the Spotify desktop client (%s). Each error code is documented with its displayed message, the chain of components that leads to it, the conditions that trigger it, and step-by-step resolution.\n\n", scope(b.Entries))
	io.WriteString(w, "The website renders its content with JavaScript. The plain-text files linked below contain the complete reference for machine reading. Not affiliated with or endorsed by Spotify AB.\n\n")
	io.WriteString(w, "## Docs\n")
	fmt.Fprintf(w, "- [Full reference — all codes, causes, fixes](%s): complete plain-text dump of every documented error code\n", b.URL("llms-full.txt"))
	fmt.Fprintf(w, "- [Website](%s): interactive reference with search and filtering\n", b.BaseURL)
	fmt.Fprintf(w, "- [Source repository](%s): contribute codes or corrections\n", b.RepoURL)
	io.WriteString(w, "\n## Error codes\n")
	for _, g := range Groups(b.Entries) {
		for _, e := range g.Entries {
			fmt.Fprintf(w, "- %s — %s (%s)\n", e.Code, e.Title, e.Severity)
		}
	}
}

// scope names the platforms the entries cover: "Windows", "macOS", or
// "Windows and macOS".
func scope(es []*entry.Entry) string {
	var names []string
	for _, p := range entry.Platforms {
		if slices.ContainsFunc(es, func(e *entry.Entry) bool { return slices.Contains(e.Platforms, p) }) {
			names = append(names, entry.PlatformLabel(p))
		}
	}
	if len(names) == 0 {
		return "Windows"
	}
	return strings.Join(names, " and ")
}

// Group is the entries listed under one heading.
type Group struct {
	Category entry.Category // "" for Other
	Label    string
	Entries  []*entry.Entry
}

// Groups splits entries (in reference order) into the reference's groups,
// in category order, leaving out empty ones; entries with no known
// category come last under "Other".
func Groups(es []*entry.Entry) []Group {
	var gs []Group
	for _, c := range append(slices.Clone(entry.Categories), "") {
		g := Group{Category: c, Label: entry.CategoryLabels[c]}
		if c == "" {
			g.Label = entry.OtherLabel
		}
		for _, e := range es {
			if e.Group() == c {
				g.Entries = append(g.Entries, e)
			}
		}
		if len(g.Entries) > 0 {
			gs = append(gs, g)
		}
	}
	return gs
}
