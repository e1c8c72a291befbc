package checks

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/project"
)

// DocsURL is where docs/rules.md is published; a rule's section is its name.
const DocsURL = project.RepoURL + "/blob/main/docs/rules.md"

// Meta describes errref and every rule of All for SARIF.
func Meta() diag.Meta {
	m := diag.Meta{Tool: "errref", InformationURI: project.RepoURL}
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

` + "`errref check`" + ` loads every file in ` + "`entries/`" + ` strictly (rules ` + "`syntax`" + `,
` + "`schema`" + ` and ` + "`layout`" + `), then runs the lint rules on every entry that
loaded. ` + "`errref rules`" + ` lists them all; this page, SARIF's rule list and
the registry test come from the same list.

## Running it

` + "```" + `sh
errref check                  # errors and warnings on stdout, a summary on stderr
errref check -v               # also information and acknowledged findings
errref check entries/auth-1.json  # only findings in the files named
errref check --only info-critical,fatal-category  # only the rules named
errref check --format github  # annotations on a pull request
errref check --fix            # apply the safe fixes rules offer, then check again
errref fmt                    # rewrite entries in canonical form
errref fmt --check            # list files not in canonical form; exit 1 if any
` + "```" + `

Exit codes: ` + "`0`" + ` clean (warnings and info allowed), ` + "`1`" + ` errors were
reported, ` + "`2`" + ` usage or I/O error.

## Levels

Every rule has one level, and reports every finding at it.

- **error**: a finding a reviewer must act on. It fails the check, and
  CI with it: an entry changed from ` + "`fatal`" + ` to ` + "`info`" + ` while its
  chain still has a critical node fails until the chain or the severity is
  fixed, or the entry acknowledges why (below). A heuristic whose answer
  is a field of the entry is an error too: ` + "`misleading-message`" + ` is
  settled by a note, or by ` + "`message.misleading: false`" + ` when the
  message is right, so the reviewer sees the decision in the diff.
- **warning**: a heuristic that takes judgement and has no field to
  record it (is this lowercase word a name?). Printed by default, never
  fails the check; fix it or acknowledge it.
- **info**: for the reader (which entries share a message, which
  locales lack one); printed with ` + "`-v`" + ` only.

## Acknowledging a finding

A finding that stays on purpose is acknowledged in the entry itself, with
the reason, in the spirit of staticcheck's ` + "`//lint:ignore Check reason`" + `:

` + "```" + `json
"acknowledged": [
  {"rule": "info-critical", "pointer": "/chain/2/state",
   "why": "Expected and harmless, so the upstream rates it info."}
]
` + "```" + `

` + "`rule`" + ` and ` + "`pointer`" + ` are what ` + "`check`" + ` prints for the finding. ` + "`check`" + `
then counts it as acknowledged in its summary instead of reporting it, and
` + "`check -v`" + ` lists it with its reason. An acknowledgement that no longer
matches a finding is an error (rule ` + "`acknowledgement`" + `; ` + "`--fix`" + ` removes
it). Exporters leave ` + "`acknowledged`" + ` out of every bundle file.

## Output formats

Diagnostics are sorted by file, line, column and rule. With ` + "`--format`" + `:

- ` + "`text`" + ` (default): one line each,
  ` + "`file:line:col: level: /pointer: message [rule]`" + `; the form editors and
  problem matchers read. Columns count bytes, from 1. A finding about two
  entries (the same id, code, position or message) is followed by an
  indented line ` + "`    file:line:col: /pointer: message`" + ` for the other
  entry; an acknowledged one (with ` + "`-v`" + `) by ` + "`    acknowledged: why`" + `.
- ` + "`json`" + `: JSON Lines, one object per diagnostic and line:
  ` + "`file`" + ` (slash-separated, relative to where errref ran), ` + "`line`" + `,
  ` + "`column`" + ` (1-based, bytes), ` + "`pointer`" + ` (RFC 6901; "" for the whole
  file), ` + "`rule`" + `, ` + "`level`" + ` (` + "`error`" + `, ` + "`warning`" + ` or ` + "`info`" + `),
  ` + "`message`" + `, and ` + "`fix`" + ` when the rule offers one:
  ` + "`{\"message\", \"pointer\", \"value\"}`" + ` to set a value or
  ` + "`{\"message\", \"pointer\", \"remove\": true}`" + ` to remove it;
  ` + "`related`" + `, a list of ` + "`{file, line, column, pointer, message}`" + `, for
  a finding about two entries; ` + "`acknowledged`" + `, the reason, for an
  acknowledged finding.
- ` + "`github`" + `: GitHub Actions workflow commands,
  ` + "`::error file=…,line=…,col=…,title=rule::/pointer: message`" + ` (` + "`warning`" + `
  for warnings, ` + "`notice`" + ` for info), escaped as the runner requires, so
  that a pull request shows each finding on its line; related locations
  follow the message on lines of their own (` + "`see file:line:col: …`" + `),
  and an acknowledged finding is a notice.
- ` + "`sarif`" + `: one SARIF 2.1.0 log for code scanning, with every rule (its name,
  title, documentation and default level) in the tool's driver and each
  finding as a result (` + "`note`" + ` for info) located by file, line and
  column (in Unicode code points) and by JSON pointer, with
  ` + "`relatedLocations`" + ` for the other entry and an ` + "`inSource`" + ` suppression
  carrying the reason of an acknowledged finding.

The summary (` + "`N files: E errors, W warnings, I info, A acknowledged`" + `,
counting what ` + "`-v`" + ` would print) goes to standard error in every format.

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
