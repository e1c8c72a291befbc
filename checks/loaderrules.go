package checks

import (
	"github.com/errref/errref/diag"
	"github.com/errref/errref/loader"
)

// The loader's rules. The loader reports them while reading entries/;
// they are described here so that one list (All) holds every rule that
// output can name. They have no Run.
var (
	Syntax = &Rule{
		Name: loader.RuleSyntax,
		Doc: `Entry files are well-formed JSON

Each file holds one JSON object and nothing else: no trailing comma, no
duplicate key, no byte-order mark, valid UTF-8, nothing after the closing
brace. encoding/json lets some of these through (the last duplicate key
wins, trailing data is never read), so the loader tokenizes each file
itself and stops at the first problem, at its line and column. Line ends
may be LF or CRLF; errref fmt writes LF.`,
		Level: diag.Error,
	}
	Schema = &Rule{
		Name: loader.RuleSchema,
		Doc: `Entry files are valid against the schema

schema/entry.schema.json says which fields an entry has, their types and
their vocabularies, and all a schema can say of their shape: texts are
non-empty and on one line; a chain has 2 to 8 nodes; a range code
(accounts:53–55) lists two codes or more and any other code exactly one;
an entry has a subsystem exactly when its code has a "prefix:"; an entry
with no message variant declares a locale gap. The rules check only what
a schema cannot say.

Each failure says what was found and what is wanted, in the rules' words:
an unknown field is named with the nearest known one ("resolutoin": want
"resolution"), a value outside a vocabulary with the nearest allowed one
("warning": want "warn"), a list's length with the number of items found.
An entry with schema errors is not linted further.`,
		Level: diag.Error,
	}
	Layout = &Rule{
		Name: loader.RuleLayout,
		Doc: `entries/ holds only entry files

Every file in entries/ is an entry named <id>.json. A folder, or a file
named auth-99.JSON or auth-99.json.txt, would otherwise be skipped and
silently missing from the bundle.`,
		Level: diag.Error,
	}
)
