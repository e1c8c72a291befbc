package exporters

import (
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/errref/errref/entry"
)

// Markdown writes errors.md, the reference as one readable document.
var Markdown = &Exporter{
	Name: "markdown",
	Doc: `The errors.md readable reference

CommonMark with GitHub tables: a table of contents by category, a summary
table (code, title, severity), then every entry with its message, cause
chain, causes, numbered steps and note. Each entry has the anchor
#e-<id>, as on the site. Markdown characters in the data are escaped.`,
	Files: []string{"errors.md"},
	Export: func(b *Bundle) ([]File, error) {
		if err := checkMarkdown(b); err != nil {
			return nil, fmt.Errorf("errors.md: %w", err)
		}
		// Written as it renders: errors.md is 100 MB at 100,000 entries.
		return []File{{Name: "errors.md", Stream: func(w io.Writer) error { writeMarkdown(w, b); return nil }}}, nil
	},
}

// MarkdownDoc renders errors.md.
func MarkdownDoc(b *Bundle) (string, error) {
	if err := checkMarkdown(b); err != nil {
		return "", err
	}
	var sb strings.Builder
	writeMarkdown(&sb, b)
	return sb.String(), nil
}

// checkMarkdown refuses entries that errors.md cannot carry
// (checkMarkdownEntry), before anything is written.
func checkMarkdown(b *Bundle) error {
	for _, e := range b.Entries {
		if err := checkMarkdownEntry(e); err != nil {
			return fmt.Errorf("entry %s: %w", e.ID, err)
		}
	}
	return nil
}

// writeMarkdown writes errors.md, for entries checkMarkdown accepts, to
// w, whose errors are its caller's to see (File.Stream).
func writeMarkdown(w io.Writer, b *Bundle) {
	groups := Groups(b.Entries)
	io.WriteString(w, "# Spotify Desktop Error Reference\n\n")
	fmt.Fprintf(w, "Community reference for error codes in the Spotify desktop client (%s): for each code, the message the client displays, the chain of components that leads to it, the conditions that trigger it and the steps that resolve it. Unofficial; not affiliated with or endorsed by Spotify AB.\n\n", scope(b.Entries))
	fmt.Fprintf(w, "- Error codes: %d\n", len(b.Entries))
	fmt.Fprintf(w, "- Schema version: %s\n", mdIn(b.SchemaVersion))
	fmt.Fprintf(w, "- Data version: %s\n", mdIn(b.DataVersion))
	if !b.Time.IsZero() {
		fmt.Fprintf(w, "- Built: %s\n", b.Time.UTC().Format(time.RFC3339))
	}
	if b.BaseURL != "" {
		fmt.Fprintf(w, "- Website: %s\n", mdLink(mdIn(b.BaseURL), b.BaseURL))
	}
	if b.RepoURL != "" {
		fmt.Fprintf(w, "- Source repository: %s\n", mdLink(mdIn(b.RepoURL), b.RepoURL))
	}

	fmt.Fprintf(w, "\n## Contents\n\n- %s\n", mdLink("Summary", "#summary"))
	for _, g := range groups {
		fmt.Fprintf(w, "- %s (%d)\n", mdLink(mdIn(g.Label), "#"+groupAnchor(g)), len(g.Entries))
		for _, e := range g.Entries {
			fmt.Fprintf(w, "  - %s\n", mdLink(mdIn(e.Code)+" — "+mdIn(e.Title), "#e-"+e.ID))
		}
	}

	io.WriteString(w, "\n<a id=\"summary\"></a>\n\n## Summary\n\n| Code | Title | Severity |\n| --- | --- | --- |\n")
	for _, g := range groups {
		for _, e := range g.Entries {
			fmt.Fprintf(w, "| %s | %s | %s |\n", mdLink(mdIn(e.Code), "#e-"+e.ID), mdIn(e.Title), mdIn(string(e.Severity)))
		}
	}

	for _, g := range groups {
		fmt.Fprintf(w, "\n<a id=\"%s\"></a>\n\n## %s\n", groupAnchor(g), mdIn(g.Label))
		for _, e := range g.Entries {
			writeMarkdownEntry(w, e)
		}
	}
}

func writeMarkdownEntry(w io.Writer, e *entry.Entry) {
	fmt.Fprintf(w, "\n<a id=\"e-%s\"></a>\n\n### %s — %s\n\n", html.EscapeString(e.ID), mdIn(e.Code), mdIn(e.Title))

	facts := []string{"**Severity:** " + mdIn(string(e.Severity))}
	facts = append(facts, "**Platforms:** "+strings.Join(mapSlice(e.Platforms, func(p string) string { return mdIn(entry.PlatformLabel(p)) }), ", "))
	facts = append(facts, "**Categories:** "+strings.Join(mapSlice(e.Categories, func(c entry.Category) string { return mdIn(string(c)) }), ", "))
	if e.Subsystem != "" {
		facts = append(facts, "**Subsystem:** "+mdIn(e.Subsystem))
	}
	io.WriteString(w, strings.Join(facts, " · ")+"\n")

	if len(e.Codes) > 1 || (len(e.Codes) == 1 && (e.Codes[0].Code != e.Code || e.Codes[0].Meaning != "")) {
		io.WriteString(w, "\n**Codes:**\n\n")
		for _, c := range e.Codes {
			if c.Meaning != "" {
				fmt.Fprintf(w, "- %s — %s\n", md(c.Code), mdIn(c.Meaning))
			} else {
				fmt.Fprintf(w, "- %s\n", md(c.Code))
			}
		}
	}

	io.WriteString(w, "\n**Displayed message:**\n\n")
	if len(e.Message.Variants) == 0 {
		fmt.Fprintf(w, "- *%s*\n", mdIn(MissingMessage))
	}
	for _, v := range e.Message.Variants {
		if v.When != "" {
			fmt.Fprintf(w, "- %s *(when %s)*\n", md(v.Text), mdIn(v.When))
		} else {
			fmt.Fprintf(w, "- %s\n", md(v.Text))
		}
	}
	if len(e.Message.LocaleGaps) > 0 {
		locales := mapSlice(e.Message.LocaleGaps, func(g entry.LocaleGap) string { return mdIn(g.Locale) })
		fmt.Fprintf(w, "\n**Missing locale strings:** %s\n", strings.Join(locales, ", "))
	}

	nodes := mapSlice(e.Chain, func(n entry.Node) string { return mdIn(NodeText(n)) })
	fmt.Fprintf(w, "\n**Cause chain:** %s\n", strings.Join(nodes, " → "))

	io.WriteString(w, "\n**Causes:**\n\n")
	for _, c := range e.Causes {
		fmt.Fprintf(w, "- %s\n", md(c))
	}

	io.WriteString(w, "\n**Resolution:**\n\n")
	for i, s := range e.Resolution {
		fmt.Fprintf(w, "%d. %s\n", i+1, MarkdownStep(s))
	}

	if e.Note != nil {
		fmt.Fprintf(w, "\n> **%s:** %s\n", mdIn(e.Note.Lead()), mdIn(e.Note.Text))
	}
}

// MarkdownStep renders a resolution step: its code spans (entry.StepParts)
// as Markdown code spans, the text between them escaped. Markdown cannot
// put two code spans side by side, so adjacent ones are parted by a space;
// empty code spans are dropped.
func MarkdownStep(step string) string {
	var sb strings.Builder
	parts := entry.StepParts(step)
	for i, p := range parts {
		switch {
		case i%2 == 1:
			if p != "" && strings.HasSuffix(sb.String(), "`") {
				sb.WriteByte(' ')
			}
			sb.WriteString(CodeSpan(p))
		case i == 0:
			sb.WriteString(escapeMarkdown(strings.TrimLeft(p, " "), true))
		default:
			if i == len(parts)-1 {
				p = strings.TrimRight(p, " ")
			}
			sb.WriteString(escapeMarkdown(p, false))
		}
	}
	return strings.TrimRight(sb.String(), " ")
}

// CodeSpan renders code as a CommonMark code span: a fence one backtick
// longer than the longest run inside, padded with a space when the code
// starts or ends with a backtick or would lose its own edge spaces.
// Empty code has no code span and renders as nothing.
func CodeSpan(code string) string {
	if code == "" {
		return ""
	}
	longest, run := 0, 0
	for _, c := range []byte(code) {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	edgeSpaces := code[0] == ' ' && code[len(code)-1] == ' ' && strings.Trim(code, " ") != ""
	if code[0] == '`' || code[len(code)-1] == '`' || edgeSpaces {
		code = " " + code + " "
	}
	return fence + code + fence
}

// MarkdownText escapes s so that it renders as literal text anywhere on a
// line, including where a block starts: a backslash goes before every
// character CommonMark or GitHub would read as markup (\ ` * _ [ ] < > #
// | ~ & $ everywhere, but _ inside a word, where it is inert; - + = and
// the . or ) of a leading number at the start). Removing each backslash that precedes ASCII punctuation gives s
// back. s must be one line.
func MarkdownText(s string) string { return escapeMarkdown(s, true) }

// markdownAlways are escaped wherever they are: inline markup, HTML and
// entities, tables, headings, GitHub's strikethrough and math.
const markdownAlways = "\\`*_[]<>#|~&$"

// markdownAtStart begin a list, a setext underline or a thematic break
// when they open a line.
const markdownAtStart = "-+="

func escapeMarkdown(s string, lineStart bool) string {
	var sb strings.Builder
	lead := len(s) - len(strings.TrimLeft(s, " "))
	digits := lead
	for digits < len(s) && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' && i > 0 && i+1 < len(s) && isAlnum(s[i-1]) && isAlnum(s[i+1]):
			// inside a word, _ can neither open nor close emphasis
		case strings.IndexByte(markdownAlways, c) >= 0,
			lineStart && i == lead && strings.IndexByte(markdownAtStart, c) >= 0,
			lineStart && i == digits && digits > lead && (c == '.' || c == ')'):
			sb.WriteByte('\\')
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// md escapes a whole text that opens a list item's block. Edge spaces go:
// Markdown would drop them, and four of them would start a code block.
func md(s string) string { return MarkdownText(strings.Trim(s, " ")) }

// mdIn escapes a whole text placed after other text on its line, where
// nothing can open a block.
func mdIn(s string) string { return escapeMarkdown(strings.Trim(s, " "), false) }

// mdLink renders a link; text is already Markdown. The destination goes
// in angle brackets so that spaces and parentheses need no care.
func mdLink(text, dest string) string {
	return "[" + text + "](<" + linkDest.Replace(dest) + ">)"
}

// linkDest escapes a link destination in angle brackets; built once, as a
// Replacer is meant to be (one per link cost 11 KB each).
var linkDest = strings.NewReplacer(`\`, `\\`, `<`, `\<`, `>`, `\>`)

func groupAnchor(g Group) string {
	if g.Category == "" {
		return "g-other"
	}
	return "g-" + string(g.Category)
}

// checkMarkdownEntry refuses what errors.md cannot carry: a line break
// in a text (the schema forbids them; it would end the block) and an id
// that is not a slug (it must be an anchor).
func checkMarkdownEntry(e *entry.Entry) error {
	if entry.Slug(e.ID) != e.ID {
		return fmt.Errorf("id %q is not a slug, so it cannot be an anchor", e.ID)
	}
	var bad []string
	check := func(name string, i int, s string) {
		if strings.ContainsAny(s, "\r\n") {
			if i >= 0 {
				name += "[" + strconv.Itoa(i) + "]"
			}
			bad = append(bad, name)
		}
	}
	check("code", -1, e.Code)
	check("title", -1, e.Title)
	check("severity", -1, string(e.Severity))
	check("subsystem", -1, e.Subsystem)
	for i, c := range e.Codes {
		check("codes", i, c.Code+c.Meaning)
	}
	for i, c := range e.Categories {
		check("categories", i, string(c))
	}
	for i, p := range e.Platforms {
		check("platforms", i, p)
	}
	for i, v := range e.Message.Variants {
		check("message.variants", i, v.Text+v.When)
	}
	for i, g := range e.Message.LocaleGaps {
		check("message.locale_gaps", i, g.Locale)
	}
	for i, n := range e.Chain {
		check("chain", i, n.Label+n.Detail+string(n.State))
	}
	for i, c := range e.Causes {
		check("causes", i, c)
	}
	for i, s := range e.Resolution {
		check("resolution", i, s)
	}
	if e.Note != nil {
		check("note", -1, string(e.Note.Kind)+e.Note.Title+e.Note.Text)
	}
	if len(bad) > 0 {
		return fmt.Errorf("line break in %s: it would end the Markdown block", strings.Join(bad, ", "))
	}
	return nil
}
