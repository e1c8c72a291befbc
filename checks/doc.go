package checks

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/errref/errref/diag"
)

// DocsURL is where docs/rules.md is published; a rule's section is its name.
const DocsURL = "https://github.com/errref/errref/blob/main/docs/rules.md"

// Meta describes errref and every rule of All for SARIF.
func Meta() diag.Meta {
	m := diag.Meta{Tool: "errref", InformationURI: "https://github.com/errref/errref"}
	for _, r := range All {
		_, body, _ := strings.Cut(r.Doc, "\n")
		m.Rules = append(m.Rules, diag.RuleMeta{Name: r.Name, Title: r.Title(), Doc: strings.TrimSpace(body), Level: r.Level, URL: DocsURL + "#" + r.Name})
	}
	return m
}

// Markdown renders docs/rules.md: the output formats, the exit codes and
// every rule's own Doc. A test compares it with the file, so the page
// cannot go stale.
func Markdown(rules []*Rule) []byte {
	var b bytes.Buffer
	b.WriteString(docIntro)
	b.WriteString("\n## The rules\n\n| rule | level | checks |\n| --- | --- | --- |\n")
	for _, r := range rules {
		fmt.Fprintf(&b, "| [`%s`](#%s) | %s | %s |\n", r.Name, r.Name, r.Level, mdCell(r.Title()))
	}
	for _, r := range rules {
		_, body, _ := strings.Cut(r.Doc, "\n")
		fmt.Fprintf(&b, "\n### %s\n\n**%s.** Default level: %s.\n\n%s\n", r.Name, r.Title(), r.Level, strings.TrimSpace(body))
	}
	return b.Bytes()
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

const docIntro = `# Lint rules

<!-- Generated from the rules' own documentation (checks/*.go) by
     go test ./checks -run TestRulesDoc -update; do not edit by hand. -->

` + "`errref check`" + ` loads every file in ` + "`entries/`" + ` strictly (rule ` + "`syntax`" + `:
well-formed JSON without duplicate keys or trailing data; rule ` + "`schema`" + `:
valid against ` + "`schema/entry.schema.json`" + `; rule ` + "`layout`" + `: nothing in
` + "`entries/`" + ` but files named ` + "`<id>.json`" + `), then runs the lint rules below
on every entry that loaded. ` + "`errref rules`" + ` lists them.

## Running it

` + "```" + `sh
errref check                  # text diagnostics on stdout, a summary on stderr
errref check --format github  # annotations on a pull request
errref check --fix            # apply the safe fixes rules offer, then check again
errref fmt                    # rewrite entries in canonical form
errref fmt --check            # list files not in canonical form; exit 1 if any
` + "```" + `

Exit codes: ` + "`0`" + ` clean (warnings and info allowed), ` + "`1`" + ` errors were
reported, ` + "`2`" + ` usage or I/O error.

Levels: **error** fails the check; **warning** should be fixed or kept on
purpose (see the end of this page); **info** is for the reader only.

## Output formats

Diagnostics are sorted by file, line, column and rule. With ` + "`--format`" + `:

- ` + "`text`" + ` (default): one line each,
  ` + "`file:line:col: level: /pointer: message [rule]`" + `; the form editors and
  problem matchers read. Columns count bytes, from 1.
- ` + "`json`" + `: JSON Lines, one object per diagnostic and line:
  ` + "`file`" + ` (slash-separated, relative to where errref ran), ` + "`line`" + `,
  ` + "`column`" + ` (1-based, bytes), ` + "`pointer`" + ` (RFC 6901; "" for the whole
  file), ` + "`rule`" + `, ` + "`level`" + ` (` + "`error`" + `, ` + "`warning`" + ` or ` + "`info`" + `),
  ` + "`message`" + `, and ` + "`fix`" + ` when the rule offers one:
  ` + "`{\"message\", \"pointer\", \"value\"}`" + ` to set a value or
  ` + "`{\"message\", \"pointer\", \"remove\": true}`" + ` to remove it.
- ` + "`github`" + `: GitHub Actions workflow commands,
  ` + "`::error file=…,line=…,col=…,title=rule::/pointer: message`" + ` (` + "`warning`" + `
  for warnings, ` + "`notice`" + ` for info), escaped as the runner requires, so
  that a pull request shows each finding on its line.
- ` + "`sarif`" + `: one SARIF 2.1.0 log for code scanning, with every rule (its name,
  title, documentation and default level) in the tool's driver and each
  finding as a result (` + "`note`" + ` for info) located by file, line and
  column (in Unicode code points) and by JSON pointer.

The summary (` + "`N files: E errors, W warnings, I info`" + `) goes to standard
error in every format.

## Fixes and formatting

A fix sets or removes one value at a JSON pointer; rules offer one only
when it cannot lose information. ` + "`--fix`" + ` applies them, writes each
changed file in canonical form, prints what it fixed on standard error and
checks again; what is left is reported as usual. A file with syntax or
schema errors is never rewritten.

The canonical form of an entry file is what ` + "`errref fmt`" + ` writes: keys in
the schema's order, two-space indent, one trailing newline, no HTML
escaping. Formatting a formatted file changes no byte.
`
