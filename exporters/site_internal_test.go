package exporters

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/loader/loadertest"
)

// siteWrites records what is written and the longest single write.
type siteWrites struct {
	buf bytes.Buffer
	max int
}

func (w *siteWrites) Write(p []byte) (int, error) {
	w.max = max(w.max, len(p))
	return w.buf.Write(p)
}

// TestSiteIndexStreamed: the page's search index and JSON-LD reach the
// writer element by element, not as one value encoded whole (at 100,000
// entries, 100+ MB of JSON built, copied into a string and held at once),
// and read as the JSON they were.
func TestSiteIndexStreamed(t *testing.T) {
	b, err := NewBundle(loadertest.Load(t, synthtest.Tree(t, 300)).Entries())
	if err != nil {
		t.Fatal(err)
	}
	p, err := siteIndexPage(b)
	if err != nil {
		t.Fatal(err)
	}
	var w siteWrites
	if err := siteExecuteIndex(&w, p); err != nil {
		t.Fatal(err)
	}
	page := w.buf.String()
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?s)<script type="application/json" id="errref-index">(.*?)</script>`),
		regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`),
	} {
		m := re.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no %s", re)
		}
		// The largest write is the stylesheet or the script (15 KB);
		// each JSON is several times that at 300 entries.
		if len(m[1]) <= w.max {
			t.Errorf("%s: %d bytes, and a single write of %d: written whole", re, len(m[1]), w.max)
		}
		if !json.Valid([]byte(m[1])) {
			t.Errorf("%s: not valid JSON", re)
		}
	}
}
