package exporters

import (
	"bytes"
	"encoding/json"
	"regexp"
	"testing"

	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/loader/loadertest"
)

// TestSiteShareBudget renders the site with a share that can keep only a
// few entries' sections: the entries past the budget render theirs again,
// and every page is still byte for byte what it is alone.
func TestSiteShareBudget(t *testing.T) {
	b, err := NewBundle(loadertest.Load(t, synthtest.Tree(t, 50)).Entries())
	if err != nil {
		t.Fatal(err)
	}
	saved := siteShareBudget
	siteShareBudget = 10 << 10
	defer func() { siteShareBudget = saved }()
	files, err := SiteFiles(b)
	if err != nil {
		t.Fatal(err)
	}
	index, err := files[0].Content()
	if err != nil {
		t.Fatal(err)
	}
	if want, err := SiteHTML(b); err != nil || !bytes.Equal(index, want) {
		t.Fatalf("site/index.html differs from SiteHTML's (%v)", err)
	}
	pages := 0
	for _, f := range files[1:] {
		if f.Make == nil {
			continue
		}
		got, err := f.Content()
		if err != nil {
			t.Fatal(err)
		}
		want, err := SiteEntryHTML(b, b.Entries[pages])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from SiteEntryHTML's", f.Name)
		}
		pages++
	}
	if pages != len(b.Entries) {
		t.Fatalf("%d pages for %d entries", pages, len(b.Entries))
	}

	// The share itself: it keeps what fits, and gives it back once.
	s := newSiteShare(b.Entries)
	for _, e := range b.Entries {
		if _, err := s.sections(e, siteShareIndex); err != nil {
			t.Fatal(err)
		}
		if s.kept > siteShareBudget {
			t.Fatalf("kept %d bytes, budget %d", s.kept, siteShareBudget)
		}
	}
	kept := 0
	for _, sl := range s.slots {
		if sl.html != "" {
			kept++
		}
	}
	if kept == 0 || kept == len(b.Entries) {
		t.Fatalf("kept %d entries' sections of %d: the budget should keep some, not all", kept, len(b.Entries))
	}
	for _, e := range b.Entries {
		got, err := s.sections(e, siteSharePage)
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := (*siteShare)(nil).sections(e, siteSharePage); got != want {
			t.Errorf("%s: shared sections differ", e.ID)
		}
	}
	if s.kept != 0 {
		t.Errorf("kept %d bytes after both readers", s.kept)
	}
}

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
