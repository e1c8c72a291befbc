package exporters_test

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
)

// siteHTML renders index.html or fails the test.
func siteHTML(t testing.TB, b *exporters.Bundle) string {
	t.Helper()
	page, err := exporters.SiteHTML(b)
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

var (
	siteDataRe   = regexp.MustCompile(`(?s)<script type="application/json" id="errref-data">(.*?)</script>`)
	siteLDRe     = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	siteInlineRe = regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`)
	siteCSPRe    = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
)

// siteData decodes the page's JSON data block.
func siteData(t testing.TB, page string) exporters.Envelope {
	t.Helper()
	m := siteDataRe.FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("want one data block, found %d", len(m))
	}
	var env exporters.Envelope
	if err := json.Unmarshal([]byte(m[0][1]), &env); err != nil {
		t.Fatalf("data block: %v", err)
	}
	return env
}

func TestSiteGolden(t *testing.T) {
	dir := export(t, exporters.Site, loadFixture(t))
	for _, name := range []string{"site/index.html", "site/sitemap.xml"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name, got)
	}
}

// TestSiteFiles checks that the folder holds the page, the sitemap and
// the llms files it links to, and nothing else.
func TestSiteFiles(t *testing.T) {
	b := loadFixture(t)
	dir := export(t, exporters.Site, b)
	got := tree(t, dir)
	want := []string{"site/index.html", "site/llms-full.txt", "site/llms.txt", "site/sitemap.xml"}
	if diff := cmp.Diff(want, slices.Sorted(maps.Keys(got))); diff != "" {
		t.Fatalf("files differ (-want +got):\n%s", diff)
	}
	if got["site/llms.txt"] != exporters.LLMsIndex(b) || got["site/llms-full.txt"] != exporters.LLMsFull(b) {
		t.Error("site/llms*.txt differ from the llms exporter's text")
	}
	for name := range got {
		if !exporters.Site.Declares(name) {
			t.Errorf("Site.Files does not declare %q", name)
		}
	}
}

// TestSiteEscapesHostileFixture looks for test-1's payloads: they must
// appear only escaped, as text.
func TestSiteEscapesHostileFixture(t *testing.T) {
	page := siteHTML(t, loadFixture(t))
	for _, tc := range []struct{ raw, escaped string }{
		{`<script>alert(1)</script>`, `&lt;script&gt;alert(1)&lt;/script&gt;`},
		{`<img src=x onerror=alert(1)>`, `&lt;img src=x onerror=alert(1)&gt;`},
		{`<b>bold</b>`, `&lt;b&gt;bold&lt;/b&gt;`},
		{`<script>`, `<code>&lt;script&gt;</code>`}, // a code span in a step
	} {
		if tc.raw != `<script>` && strings.Contains(page, tc.raw) {
			t.Errorf("the page contains %q unescaped", tc.raw)
		}
		if !strings.Contains(page, tc.escaped) {
			t.Errorf("the page lacks %q, the escaped form of %q", tc.escaped, tc.raw)
		}
	}
	// Every <script> tag is one of the page's own four.
	if n := strings.Count(page, "<script"); n != 4 {
		t.Errorf("the page has %d <script tags, want 4 (theme, JSON-LD, data, app)", n)
	}
	if regexp.MustCompile(`href="\s*javascript:`).MatchString(page) {
		t.Error("the page links to a javascript: URL")
	}
}

// TestSiteSelfContained checks statically what the browser test checks
// live: the page loads nothing, and its CSP allows exactly its own
// inline blocks and no other origin.
func TestSiteSelfContained(t *testing.T) {
	page := siteHTML(t, loadRepo(t))
	m := siteCSPRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no Content-Security-Policy meta tag")
	}
	csp := html.UnescapeString(m[1])
	for _, d := range []string{"default-src 'none'", "connect-src 'none'", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("CSP %q lacks %q", csp, d)
		}
	}
	inline := siteInlineRe.FindAllStringSubmatch(page, -1)
	if len(inline) != 3 {
		t.Fatalf("found %d inline scripts and styles, want 3", len(inline))
	}
	for _, b := range inline {
		h := sha256.Sum256([]byte(b[2]))
		src := "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
		if !strings.Contains(csp, b[1]+"-src ") || !strings.Contains(csp, src) {
			t.Errorf("CSP %q does not allow the inline <%s> (%s)", csp, b[1], src)
		}
		if strings.Contains(b[2], "innerHTML") || strings.Contains(b[2], "insertAdjacentHTML") || strings.Contains(b[2], "document.write") {
			t.Errorf("inline <%s> parses strings as HTML", b[1])
		}
		if strings.Contains(b[2], "url(") || strings.Contains(b[2], "@import") || strings.Contains(b[2], "fetch(") {
			t.Errorf("inline <%s> loads something", b[1])
		}
	}
	for _, re := range []string{` src=`, ` style=`, ` on[a-z]+=`, `<(iframe|object|embed|img|video|audio|base)\b`} {
		if loc := regexp.MustCompile(re).FindStringIndex(page); loc != nil {
			t.Errorf("the page has %q at %q", re, page[loc[0]:min(loc[1]+40, len(page))])
		}
	}
	for _, l := range regexp.MustCompile(`<link [^>]*>`).FindAllString(page, -1) {
		if !regexp.MustCompile(`rel="(canonical|alternate|sitemap)"`).MatchString(l) {
			t.Errorf("%s: a link the browser may fetch", l)
		}
	}
}

// TestSiteData checks that the data block holds the entries exactly.
func TestSiteData(t *testing.T) {
	for name, b := range map[string]*exporters.Bundle{"fixture": loadFixture(t), "repo": loadRepo(t)} {
		env := siteData(t, siteHTML(t, b))
		want := exporters.Envelope{SchemaVersion: b.SchemaVersion, DataVersion: b.DataVersion, Count: len(b.Entries), Entries: b.Entries}
		if diff := cmp.Diff(want, env); diff != "" {
			t.Errorf("%s: data block differs (-want +got):\n%s", name, diff)
		}
	}
}

// TestSiteAnchors checks one article per entry, with the upstream's
// anchor (e-<slug of the code>), in group order, on the seed entries.
func TestSiteAnchors(t *testing.T) {
	b := loadSeed(t)
	page := siteHTML(t, b)
	var got, want []string
	for _, m := range regexp.MustCompile(`<article class="entry" id="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		got = append(got, m[1])
	}
	for _, g := range exporters.Groups(b.Entries) {
		for _, e := range g.Entries {
			want = append(want, "e-"+entry.Slug(e.Code))
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anchors differ (-want +got):\n%s", diff)
	}
	if !slices.Contains(got, "e-accounts-53-55") || !slices.Contains(got, "e-http-401-invalid-client") {
		t.Error("the upstream's example anchors are missing")
	}
}

// TestSiteLD checks the JSON-LD: a WebSite whose search goes to ?q=, and
// one FAQ question per entry linking to its anchor.
func TestSiteLD(t *testing.T) {
	b := loadFixture(t)
	b.BaseURL = "https://example.org/errors/"
	m := siteLDRe.FindStringSubmatch(siteHTML(t, b))
	if m == nil {
		t.Fatal("no JSON-LD")
	}
	var ld struct {
		Context string `json:"@context"`
		Graph   []struct {
			Type            string `json:"@type"`
			URL             string `json:"url"`
			PotentialAction struct {
				Type   string `json:"@type"`
				Target struct {
					URLTemplate string `json:"urlTemplate"`
				} `json:"target"`
				QueryInput string `json:"query-input"`
			} `json:"potentialAction"`
			MainEntity []struct {
				Type           string `json:"@type"`
				Name, URL      string
				AcceptedAnswer struct{ Text string } `json:"acceptedAnswer"`
			} `json:"mainEntity"`
		} `json:"@graph"`
	}
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	if ld.Context != "https://schema.org" || len(ld.Graph) != 2 || ld.Graph[0].Type != "WebSite" || ld.Graph[1].Type != "FAQPage" {
		t.Fatalf("JSON-LD is not a WebSite and a FAQPage: %s", m[1])
	}
	w := ld.Graph[0]
	if w.URL != b.BaseURL || w.PotentialAction.Type != "SearchAction" ||
		w.PotentialAction.Target.URLTemplate != b.BaseURL+"?q={search_term_string}" ||
		w.PotentialAction.QueryInput != "required name=search_term_string" {
		t.Errorf("WebSite: %+v", w)
	}
	qs := ld.Graph[1].MainEntity
	if len(qs) != len(b.Entries) {
		t.Fatalf("FAQPage has %d questions for %d entries", len(qs), len(b.Entries))
	}
	for _, q := range qs {
		id, ok := strings.CutPrefix(q.URL, b.BaseURL+"#e-")
		i := slices.IndexFunc(b.Entries, func(e *entry.Entry) bool { return e.ID == id })
		if !ok || i < 0 || q.Type != "Question" || !strings.Contains(q.Name, b.Entries[i].Code) ||
			!strings.HasPrefix(q.AcceptedAnswer.Text, b.Entries[i].Title) {
			t.Errorf("question %+v matches no entry", q)
		}
	}
}

// TestSiteSitemap parses sitemap.xml with encoding/xml: one URL, the base
// URL, and a date only when the bundle has a time.
func TestSiteSitemap(t *testing.T) {
	for _, tc := range []struct {
		name, base string
		time       time.Time
		lastmod    string
	}{
		{"no time", exporters.UpstreamBaseURL, time.Time{}, ""},
		{"time in UTC", "https://example.org/", time.Date(2025, 3, 4, 23, 30, 0, 0, time.UTC), "2025-03-04"},
		{"time elsewhere", "https://example.org/", time.Date(2025, 3, 5, 1, 30, 0, 0, time.FixedZone("CET", 3600*2)), "2025-03-04"},
		{"awkward URL", "https://example.org/a?b=1&c=<d>/", time.Time{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := loadFixture(t)
			b.BaseURL, b.Time = tc.base, tc.time
			data, err := exporters.SiteSitemap(b)
			if err != nil {
				t.Fatal(err)
			}
			var set struct {
				XMLName xml.Name
				URLs    []struct {
					Loc     string  `xml:"loc"`
					LastMod *string `xml:"lastmod"`
				} `xml:"url"`
			}
			if err := xml.Unmarshal(data, &set); err != nil {
				t.Fatalf("sitemap.xml does not parse: %v\n%s", err, data)
			}
			if set.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" || set.XMLName.Local != "urlset" {
				t.Errorf("root element %v", set.XMLName)
			}
			if len(set.URLs) != 1 || set.URLs[0].Loc != tc.base {
				t.Fatalf("urls %+v, want one with loc %q", set.URLs, tc.base)
			}
			if got := set.URLs[0].LastMod; (got == nil) != (tc.lastmod == "") || (got != nil && *got != tc.lastmod) {
				t.Errorf("lastmod %v, want %q", got, tc.lastmod)
			}
		})
	}
}

// TestSiteTime checks that the page carries a build time only when the
// bundle has one, and the same bytes whatever its time zone.
func TestSiteTime(t *testing.T) {
	b := loadFixture(t)
	if page := siteHTML(t, b); strings.Contains(page, "<time") {
		t.Error("a page without a build time has a <time>")
	}
	b.Time = time.Date(2025, 3, 4, 23, 30, 0, 0, time.UTC)
	utc := siteHTML(t, b)
	if !strings.Contains(utc, `<time datetime="2025-03-04T23:30:00Z">`) {
		t.Error("the build time is missing")
	}
	b.Time = b.Time.In(time.FixedZone("X", -7*3600))
	if diff := cmp.Diff(utc, siteHTML(t, b)); diff != "" {
		t.Errorf("the time zone changed the page:\n%s", diff)
	}
}

// TestSiteBaseURL checks that the base URL reaches the canonical link and
// cards, escaped for an attribute, and that one that is not an absolute
// http(s) URL is an error naming the file and the URL.
func TestSiteBaseURL(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"https://example.org/errors/", `<link rel="canonical" href="https://example.org/errors/">`},
		{`https://example.org/?a=1&b="x"`, `<link rel="canonical" href="https://example.org/?a=1&amp;b=%22x%22">`},
		{`http://example.org/`, `<meta property="og:url" content="http://example.org/">`},
	} {
		b := loadFixture(t)
		b.BaseURL = tc.base
		if page := siteHTML(t, b); !strings.Contains(page, tc.want) {
			t.Errorf("base %q: the page lacks %s", tc.base, tc.want)
		}
	}
	for _, base := range []string{"", "errors/", "/errors/", "javascript:alert(1)//", "https:///x", "ftp://example.org/", "http://[::1"} {
		b := loadFixture(t)
		b.BaseURL = base
		_, err := exporters.SiteHTML(b)
		_, err2 := exporters.SiteSitemap(b)
		for _, e := range []error{err, err2} {
			if e == nil || !strings.Contains(e.Error(), fmt.Sprintf("%q", base)) || !strings.Contains(e.Error(), "site/") {
				t.Errorf("base %q: error %v, want one naming the file and the URL", base, e)
			}
		}
		if _, err := exporters.Site.Export(b); err == nil {
			t.Errorf("base %q: Export succeeded", base)
		}
	}
}

// TestSiteDeterministic renders entries given in shuffled orders.
func TestSiteDeterministic(t *testing.T) {
	ref := loadRepo(t)
	want := siteHTML(t, ref)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3 {
		es := slices.Clone(ref.Entries)
		rng.Shuffle(len(es), func(i, j int) { es[i], es[j] = es[j], es[i] })
		b, err := exporters.NewBundle(es)
		if err != nil {
			t.Fatal(err)
		}
		b.BaseURL, b.RepoURL = ref.BaseURL, ref.RepoURL
		if got := siteHTML(t, b); got != want {
			t.Fatal("a different entry order changed the page")
		}
	}
}

// TestSiteEmpty renders a bundle without entries.
func TestSiteEmpty(t *testing.T) {
	b, err := exporters.NewBundle(nil)
	if err != nil {
		t.Fatal(err)
	}
	env := siteData(t, siteHTML(t, b))
	if env.Count != 0 || env.Entries == nil || len(env.Entries) != 0 {
		t.Errorf("empty bundle: data block %+v", env)
	}
}

// siteFuzzEntry puts fuzzed text in every kind of place the page shows.
func siteFuzzEntry(title, message, cause, step, note string) *entry.Entry {
	return &entry.Entry{
		ID: "fuzz-1", Code: "fuzz:1", Codes: []entry.Code{{Code: "fuzz:1"}},
		Title: title, Severity: entry.Error, Categories: []entry.Category{"auth"},
		Platforms: []string{"windows"}, Position: 1,
		Message:    entry.Message{Variants: []entry.Variant{{Text: message, When: message}}},
		Chain:      []entry.Node{{Label: cause, Detail: note, State: entry.Critical}},
		Causes:     []string{cause},
		Resolution: []string{step},
		Note:       &entry.Note{Kind: entry.KnownBug, Title: note, Text: note},
	}
}

// siteTame replaces every character but backticks by "x": text of the
// same shape (empty stays empty, code spans stay code spans) and no
// markup, to compare the page's markup with.
func siteTame(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '`' {
			return r
		}
		return 'x'
	}, s)
}

// FuzzSiteText feeds hostile text to the page: it must add no markup
// (as many "<" and ">" as tame text gives), the data block must give the
// text back exactly, the JSON-LD must stay JSON, and the title must read
// back as the same text.
func FuzzSiteText(f *testing.F) {
	for _, s := range []string{
		"<script>alert(1)</script>",
		"</script><script>alert(1)</script>",
		`"'><img src=x onerror=alert(1)>`,
		"</style><style>*{}</style>",
		"<!-- <![CDATA[ ]]> -->",
		"\u2028\u2029 line separators",
		"NUL \x00 byte",
		"=cmd|' /C calc'!A0",
		"`<b>code</b>` and `unbalanced",
		"&lt;already&gt; &amp; {{.}} ${x}",
		"javascript:alert(1)",
	} {
		f.Add(s, s, s, s, s)
	}
	f.Fuzz(func(t *testing.T, title, message, cause, step, note string) {
		for _, s := range []string{title, message, cause, step, note} {
			if !utf8.ValidString(s) {
				t.Skip("invalid UTF-8 is rejected by the loader")
			}
		}
		bundle := func(e *entry.Entry) *exporters.Bundle {
			return &exporters.Bundle{Entries: []*entry.Entry{e}, SchemaVersion: "1", DataVersion: "v", BaseURL: exporters.UpstreamBaseURL, RepoURL: exporters.UpstreamRepoURL}
		}
		e := siteFuzzEntry(title, message, cause, step, note)
		page := siteHTML(t, bundle(e))
		tame := siteHTML(t, bundle(siteFuzzEntry(siteTame(title), siteTame(message), siteTame(cause), siteTame(step), siteTame(note))))
		for _, c := range []string{"<", ">"} {
			if a, b := strings.Count(page, c), strings.Count(tame, c); a != b {
				t.Fatalf("the text added markup: %d %q in the page, %d with tame text", a, c, b)
			}
		}
		env := siteData(t, page)
		if diff := cmp.Diff([]*entry.Entry{e}, env.Entries); diff != "" {
			t.Fatalf("data block does not round-trip (-want +got):\n%s", diff)
		}
		if m := siteLDRe.FindStringSubmatch(page); m == nil || !json.Valid([]byte(m[1])) {
			t.Fatal("JSON-LD is missing or not JSON")
		}
		m := regexp.MustCompile(`<span class="title">([^<]*)</span>`).FindStringSubmatch(page)
		// html/template writes NUL as U+FFFD, as an HTML parser would read it.
		if want := strings.ReplaceAll(title, "\x00", "\uFFFD"); m == nil || html.UnescapeString(m[1]) != want {
			t.Fatalf("title reads back as %q, want %q", m, want)
		}
	})
}

func BenchmarkSite(b *testing.B) {
	bundle := load(b, "..")
	var files []exporters.File
	for b.Loop() {
		var err error
		if files, err = exporters.Site.Export(bundle); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(files[0].Data)), "index.html-bytes")
}
