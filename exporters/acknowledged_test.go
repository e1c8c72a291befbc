package exporters_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
	"github.com/errref/errref/loader/loadertest"
)

// TestAcknowledgedNotExported: acknowledgements are about the file, not
// the error; no bundle file carries them, and they do not change the data
// version.
func TestAcknowledgedNotExported(t *testing.T) {
	es := loadertest.Load(t, "testdata/fixture").Entries()
	plain, err := exporters.NewBundle(es)
	if err != nil {
		t.Fatal(err)
	}
	const why = "ACK-REASON-7d3f"
	acked := make([]*entry.Entry, len(es))
	for i, e := range es {
		c := *e
		c.Acknowledged = []entry.Acknowledgement{{Rule: "severity", Pointer: "/severity", Why: why}}
		acked[i] = &c
	}
	b, err := exporters.NewBundle(acked)
	if err != nil {
		t.Fatal(err)
	}
	if b.DataVersion != plain.DataVersion {
		t.Errorf("data version %s with acknowledgements; want %s as without", b.DataVersion, plain.DataVersion)
	}
	if es[0].Acknowledged != nil {
		t.Fatal("the fixture already acknowledges something")
	}
	if acked[0].Acknowledged == nil {
		t.Error("NewBundle changed the caller's entries")
	}
	dir := filepath.Join(t.TempDir(), "dist")
	if err := exporters.Write(b, exporters.All, dir); err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(data, []byte(why)) {
			t.Errorf("%s holds an acknowledgement's reason", p)
		}
		// The entry schema describes the field; no other file holds it.
		if filepath.Base(p) != "entry.schema.json" && bytes.Contains(data, []byte(`"acknowledged"`)) {
			t.Errorf("%s holds an acknowledged field", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
