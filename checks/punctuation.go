package checks

import (
	"strings"
	"unicode/utf8"

	"github.com/errref/errref/diag"
)

// Punctuation reports items and labels that end like sentences or halfway.
var Punctuation = &Rule{
	Name: "punctuation",
	Doc: `Items, labels and titles end with a word

Causes, resolution steps, chain labels and details and the title are
fragments, and the reference writes none of them with a final period;
one that ends in ",", ";" or ":" was cut short.

- A final "." (fix: remove it; "..." is left alone).
- A final ",", ";" or ":".`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for _, t := range pass.prose(f.Entry) {
				if !fragmentFields[t.Field] {
					continue
				}
				v := t.Value
				switch last, _ := utf8.DecodeLastRuneInString(v); last {
				case '.':
					if !strings.HasSuffix(v, "..") {
						pass.ReportFix(f, t.Ptr, &diag.Fix{Message: "remove the final period", Pointer: t.Ptr, Value: strings.TrimSuffix(v, ".")},
							"%s: found a final \".\"; want none, like the other items of the reference", t.Field)
					}
				case ',', ';', ':':
					pass.Report(f, t.Ptr, "%s: found a final %q; want the text to end with a word", t.Field, string(last))
				}
			}
		}
	},
}
