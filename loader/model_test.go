package loader_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/loader"
)

// FuzzSchemaAgreesWithModel: the schema and the model (package entry)
// agree on which codes are ranges and which have a subsystem prefix. The
// rules rely on it: they no longer check a range's count of codes or the
// presence of a subsystem, since an entry that reaches them passed the
// schema. An entry built as the model says (codes = Members, a subsystem
// exactly when Prefix finds one) draws no schema finding about either.
func FuzzSchemaAgreesWithModel(f *testing.F) {
	for _, c := range []string{"auth:73", "accounts:53–55", "accounts:53 - 54", "HTTP 429", "Installer error 18",
		"desktop_login_accounts:2", "a:\f1", "x:1\f–3", "x: 1", "_a:b", "9a:1", "a:1–2–3", "HTTP 401 — invalid_client"} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, code string) {
		var doc map[string]any
		if err := json.Unmarshal([]byte(good), &doc); err != nil {
			t.Fatal(err)
		}
		members, err := entry.Members(code)
		if err != nil {
			return // a backwards or oversized range: rule identity's
		}
		var codes []any
		for _, m := range members {
			codes = append(codes, map[string]any{"code": m})
		}
		doc["code"], doc["codes"] = code, codes
		delete(doc, "subsystem")
		if p := entry.Prefix(code); p != "" {
			doc["subsystem"] = strings.ToLower(p)
		}
		data, err := json.Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}
		_, ds := loader.Parse("entries/x.json", data)
		for _, d := range ds {
			if d.Pointer == "/codes" || d.Pointer == "/subsystem" {
				t.Errorf("code %q: the schema disagrees with the model: %s", code, d)
			}
		}
	})
}
