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
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/loader/loadertest"
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
	siteIndexRe  = regexp.MustCompile(`(?s)<script type="application/json" id="errref-index">(.*?)</script>`)
	siteLDRe     = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	siteInlineRe = regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`)
	siteCSPRe    = regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`)
)

// siteIndex decodes the page's search index: per entry, its id, its codes
// (comma-separated) and the words of its title, messages and the rest.
func siteIndex(t testing.TB, page string) [][5]string {
	t.Helper()
	m := siteIndexRe.FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("want one search index, found %d", len(m))
	}
	var idx [][5]string
	if err := json.Unmarshal([]byte(m[0][1]), &idx); err != nil {
		t.Fatalf("search index: %v", err)
	}
	return idx
}

func TestSiteGolden(t *testing.T) {
	dir := export(t, exporters.Site, loadFixture(t))
	for _, name := range []string{"site/index.html", "site/e/test-1.html", "site/sitemap.xml", "site/robots.txt"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		golden(t, name, got)
	}
}

// TestSiteFiles checks that the folder holds the page, a page per entry,
// the sitemap, robots.txt and the data files it links to, and nothing else.
func TestSiteFiles(t *testing.T) {
	b := loadFixture(t)
	dir := export(t, exporters.Site, b)
	got := tree(t, dir)
	want := []string{"site/errors.json", "site/index.html", "site/llms-full.txt", "site/llms.txt", "site/robots.txt", "site/sitemap.xml"}
	for _, e := range b.Entries {
		want = append(want, "site/e/"+e.ID+".html")
	}
	slices.Sort(want)
	if diff := cmp.Diff(want, slices.Sorted(maps.Keys(got))); diff != "" {
		t.Fatalf("files differ (-want +got):\n%s", diff)
	}
	if got["site/llms.txt"] != exporters.LLMsIndex(b) || got["site/llms-full.txt"] != exporters.LLMsFull(b) {
		t.Error("site/llms*.txt differ from the llms exporter's text")
	}
	if got["site/errors.json"] != tree(t, export(t, exporters.JSON, b))["errors.json"] {
		t.Error("site/errors.json differs from the json exporter's errors.json")
	}
	for name := range got {
		if !exporters.Site.Declares(name) {
			t.Errorf("Site.Files does not declare %q", name)
		}
	}
}

// TestSiteLinks follows every relative link and source of every page of
// the folder, as a browser on file:// would: each must name a file of the
// folder, and its fragment an element of that file. The pages' depth is
// in their relative links, so this is what breaks if the layout moves.
func TestSiteLinks(t *testing.T) {
	files := tree(t, export(t, exporters.Site, loadFixture(t)))
	attr := regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)
	pages := 0
	for name, page := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		base := &url.URL{Path: "/" + name}
		for _, m := range attr.FindAllStringSubmatch(page, -1) {
			ref, err := url.Parse(html.UnescapeString(m[1]))
			if err != nil {
				t.Errorf("%s: link %q: %v", name, m[1], err)
				continue
			}
			if ref.Scheme != "" || ref.Host != "" || (ref.Path == "" && ref.Fragment == "") {
				continue // another origin, or the page itself with a query
			}
			target := strings.TrimPrefix(base.ResolveReference(ref).Path, "/")
			got, ok := files[target]
			if !ok {
				t.Errorf("%s: link %q names %s, which the folder does not hold", name, m[1], target)
				continue
			}
			if ref.Fragment != "" && !strings.Contains(got, ` id="`+ref.Fragment+`"`) {
				t.Errorf("%s: link %q: %s has no element with id %q", name, m[1], target, ref.Fragment)
			}
		}
	}
	if want := 1 + len(loadFixture(t).Entries); pages != want {
		t.Errorf("followed the links of %d pages, want %d", pages, want)
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
	b := loadSeed(t)
	siteCheckSelfContained(t, "index.html", siteHTML(t, b), 3)
	for _, e := range b.Entries {
		page, err := exporters.SiteEntryHTML(b, e)
		if err != nil {
			t.Fatal(err)
		}
		siteCheckSelfContained(t, "e/"+e.ID+".html", string(page), 2)
	}
}

// siteCheckSelfContained checks one page: a CSP that allows its inline
// blocks (inline of them) by hash and nothing else, and nothing to load.
func siteCheckSelfContained(t *testing.T, name, page string, inline int) {
	t.Helper()
	m := siteCSPRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("no Content-Security-Policy meta tag")
	}
	csp := html.UnescapeString(m[1])
	for _, d := range []string{"default-src 'none'", "connect-src 'self';", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(csp, d) {
			t.Errorf("CSP %q lacks %q", csp, d)
		}
	}
	blocks := siteInlineRe.FindAllStringSubmatch(page, -1)
	if len(blocks) != inline {
		t.Fatalf("%s: found %d inline scripts and styles, want %d", name, len(blocks), inline)
	}
	for _, b := range blocks {
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
		// rel="expect" names an element of the page itself (#id): it holds
		// the first paint until that element is parsed, and fetches nothing.
		if !regexp.MustCompile(`rel="(canonical|alternate|sitemap)"|rel="expect" href="#[a-z-]+"`).MatchString(l) {
			t.Errorf("%s: a link the browser may fetch", l)
		}
	}
}

// TestSiteWords checks how text is split into the words search knows:
// punctuation separates, case folds, letters and digits of any script stay.
func TestSiteWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"can't log in", []string{"can", "t", "log", "in"}},
		{"rate-limit", []string{"rate", "limit"}},
		{"accounts:53–55", []string{"accounts", "53", "55"}},
		{"HTTP 401 — invalid_client", []string{"http", "401", "invalid", "client"}},
		{"%APPDATA%\\Spotify\\prefs", []string{"appdata", "spotify", "prefs"}},
		{"Überprüfung ½ 日本語", []string{"überprüfung", "½", "日本語"}},
		{"<script>alert(1)</script>", []string{"script", "alert", "1", "script"}},
		{" \t—", []string{}},
	} {
		if diff := cmp.Diff(tc.want, exporters.SiteWords(tc.in)); diff != "" {
			t.Errorf("SiteWords(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
}

// TestSiteIndex checks the search index: one row per entry in page order,
// each field holding its words once, and every word of the entry somewhere.
func TestSiteIndex(t *testing.T) {
	for name, b := range map[string]*exporters.Bundle{"fixture": loadFixture(t), "seed": loadSeed(t), "repo": loadRepo(t)} {
		idx := siteIndex(t, siteHTML(t, b))
		var ids []string
		for _, g := range exporters.Groups(b.Entries) {
			for _, e := range g.Entries {
				ids = append(ids, e.ID)
			}
		}
		var got []string
		for _, row := range idx {
			got = append(got, row[0])
		}
		if diff := cmp.Diff(ids, got); diff != "" {
			t.Fatalf("%s: index rows differ from the page's entries (-want +got):\n%s", name, diff)
		}
		for _, row := range idx {
			e := b.Entries[slices.IndexFunc(b.Entries, func(e *entry.Entry) bool { return e.ID == row[0] })]
			fields := [4][]string{}
			for i := range fields {
				if i == 0 {
					// The codes: each code's words, each code once, the
					// entry's own code first.
					codes := strings.Split(row[1], ",")
					for _, c := range codes {
						fields[0] = append(fields[0], strings.Fields(c)...)
					}
					if len(codes) != len(slices.Compact(slices.Sorted(slices.Values(codes)))) || codes[0] != strings.Join(exporters.SiteWords(e.Code), " ") {
						t.Errorf("%s: %s codes %q: want %s first, each code once", name, e.ID, row[1], e.Code)
					}
					for _, c := range e.Codes {
						if !slices.Contains(codes, strings.Join(exporters.SiteWords(c.Code), " ")) {
							t.Errorf("%s: %s codes %q lack %s", name, e.ID, row[1], c.Code)
						}
					}
					continue
				}
				fields[i] = strings.Fields(row[i+1])
				if len(fields[i]) != len(slices.Compact(slices.Sorted(slices.Values(fields[i])))) {
					t.Errorf("%s: %s field %d repeats a word: %q", name, e.ID, i, row[i+1])
				}
			}
			all := slices.Concat(fields[:]...)
			var msgs []string
			for _, v := range e.Message.Variants {
				msgs = append(msgs, v.Text)
			}
			for i, text := range map[int]string{0: e.Code, 1: e.Title, 2: strings.Join(msgs, " "), 3: strings.Join(e.Causes, " ") + " " + strings.Join(e.Resolution, " ")} {
				for _, w := range exporters.SiteWords(text) {
					if i < 3 && !slices.Contains(fields[i], w) || !slices.Contains(all, w) {
						t.Errorf("%s: %s: the index lacks %q (field %d)", name, e.ID, w, i)
					}
				}
			}
		}
	}
}

// TestSiteAnchors checks one article per entry, with the upstream's
// anchor (e-<slug of the code>), in group order, and one heading per
// entry: on the seed entries, which hold the upstream's example anchors,
// and on whatever entries/ holds.
func TestSiteAnchors(t *testing.T) {
	for name, b := range map[string]*exporters.Bundle{"seed": loadSeed(t), "repo": loadRepo(t)} {
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
			t.Errorf("%s: anchors differ (-want +got):\n%s", name, diff)
		}
		if name == "seed" && (!slices.Contains(got, "e-accounts-53-55") || !slices.Contains(got, "e-http-401-invalid-client")) {
			t.Error("seed: the upstream's example anchors are missing")
		}
		// One heading per entry, with its code and title, so that the outline
		// names every entry; its sections are headings below it.
		var heads []string
		for _, m := range regexp.MustCompile(`<h3 class="head"><code class="code">([^<]*)</code> <span class="title">([^<]*)</span></h3>`).FindAllStringSubmatch(page, -1) {
			heads = append(heads, html.UnescapeString(m[1]+" "+m[2]))
		}
		var wantHeads []string
		for _, g := range exporters.Groups(b.Entries) {
			for _, e := range g.Entries {
				wantHeads = append(wantHeads, e.Code+" "+e.Title)
			}
		}
		if diff := cmp.Diff(wantHeads, heads); diff != "" || strings.Count(page, "<h3") != len(b.Entries) {
			t.Errorf("%s: entry headings differ (-want +got), %d <h3 in all:\n%s", name, strings.Count(page, "<h3"), diff)
		}
		if n := strings.Count(page, "<h4>Cause chain</h4>"); n != len(b.Entries) {
			t.Errorf("%s: %d \"Cause chain\" h4 headings for %d entries", name, n, len(b.Entries))
		}
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
		id, ok := strings.CutPrefix(q.URL, b.BaseURL+"e/")
		id, ok2 := strings.CutSuffix(id, ".html")
		ok = ok && ok2
		i := slices.IndexFunc(b.Entries, func(e *entry.Entry) bool { return e.ID == id })
		if !ok || i < 0 || q.Type != "Question" || !strings.Contains(q.Name, b.Entries[i].Code) ||
			!strings.HasPrefix(q.AcceptedAnswer.Text, b.Entries[i].Title) {
			t.Errorf("question %+v matches no entry", q)
		}
	}
}

// TestSiteSitemap parses sitemap.xml with encoding/xml: the base URL,
// then each entry's page, with a date only when the bundle has a time.
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
			want := []string{tc.base}
			for _, g := range exporters.Groups(b.Entries) {
				for _, e := range g.Entries {
					want = append(want, tc.base+"e/"+e.ID+".html")
				}
			}
			var locs []string
			for _, u := range set.URLs {
				locs = append(locs, u.Loc)
				if got := u.LastMod; (got == nil) != (tc.lastmod == "") || (got != nil && *got != tc.lastmod) {
					t.Errorf("%s: lastmod %v, want %q", u.Loc, got, tc.lastmod)
				}
			}
			if diff := cmp.Diff(want, locs); diff != "" {
				t.Errorf("sitemap URLs differ (-want +got):\n%s", diff)
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
	page := siteHTML(t, b)
	if idx := siteIndex(t, page); idx == nil || len(idx) != 0 {
		t.Errorf("empty bundle: search index %v, want []", idx)
	}
	if !strings.Contains(page, ">0 error codes documented<") {
		t.Error("empty bundle: the page does not say it has no entries")
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

// FuzzSiteText feeds hostile text to the page and to the entry's own
// page: neither may gain markup (as many "<" and ">" as tame text gives),
// the search index must hold the title's words, the JSON-LD must stay
// JSON, and the title must read back as the same text.
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
		render := func(e *entry.Entry) (page, own string) {
			b := bundle(e)
			p, err := exporters.SiteEntryHTML(b, e)
			if err != nil {
				t.Fatal(err)
			}
			return siteHTML(t, b), string(p)
		}
		e := siteFuzzEntry(title, message, cause, step, note)
		page, own := render(e)
		tamePage, tameOwn := render(siteFuzzEntry(siteTame(title), siteTame(message), siteTame(cause), siteTame(step), siteTame(note)))
		for _, c := range []string{"<", ">"} {
			if a, b := strings.Count(page, c), strings.Count(tamePage, c); a != b {
				t.Fatalf("the text added markup: %d %q in the page, %d with tame text", a, c, b)
			}
			if a, b := strings.Count(own, c), strings.Count(tameOwn, c); a != b {
				t.Fatalf("the text added markup: %d %q in the entry's page, %d with tame text", a, c, b)
			}
		}
		var words []string
		for _, w := range exporters.SiteWords(title) {
			if !slices.Contains(words, w) {
				words = append(words, w)
			}
		}
		if idx := siteIndex(t, page); len(idx) != 1 || idx[0][2] != strings.Join(words, " ") {
			t.Fatalf("search index %q does not hold the title's words %q", idx, words)
		}
		for _, p := range []string{page, own} {
			if m := siteLDRe.FindStringSubmatch(p); m == nil || !json.Valid([]byte(m[1])) {
				t.Fatal("JSON-LD is missing or not JSON")
			}
		}
		m := regexp.MustCompile(`<span class="title">([^<]*)</span>`).FindStringSubmatch(page)
		// html/template writes NUL as U+FFFD, as an HTML parser would read it.
		if want := strings.ReplaceAll(title, "\x00", "\uFFFD"); m == nil || html.UnescapeString(m[1]) != want {
			t.Fatalf("title reads back as %q, want %q", m, want)
		}
	})
}

// BenchmarkSite renders and writes the site of the seed entries.
func BenchmarkSite(b *testing.B) {
	bundle := load(b, loadertest.SeedDir(b))
	dir := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		if err := place(exporters.Site, bundle, filepath.Join(dir, strconv.Itoa(n))); err != nil {
			b.Fatal(err)
		}
	}
	page, err := exporters.SiteHTML(bundle)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(page)), "index.html-bytes")
}

// TestSiteEntryPages checks each entry's own page: its title, description,
// canonical URL, JSON-LD, heading, and links back to the main page.
func TestSiteEntryPages(t *testing.T) {
	b := loadSeed(t)
	b.BaseURL = "https://example.org/errors/"
	main := siteHTML(t, b)
	for _, e := range b.Entries {
		data, err := exporters.SiteEntryHTML(b, e)
		if err != nil {
			t.Fatal(err)
		}
		page, url := string(data), b.BaseURL+"e/"+e.ID+".html"
		for _, want := range []string{
			"<title>" + html.EscapeString(e.Code+": "+e.Title) + " · Spotify error</title>",
			`<link rel="canonical" href="` + url + `">`,
			`<meta name="description" content="Spotify desktop error ` + html.EscapeString(e.Code),
			`<h1 class="head"><code class="code">` + html.EscapeString(e.Code) + `</code> <span class="title">` + html.EscapeString(e.Title) + `</span></h1>`,
			// The link back, which prints as the entry's address in the
			// full reference.
			`<a href="../index.html#e-` + e.ID + `" data-url="` + b.BaseURL + `#e-` + e.ID + `">`,
			`<p class="legend">`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page lacks %s", e.ID, want)
			}
		}
		// Headings in order: the entry's h1, its sections h2.
		if strings.Count(page, "<h1") != 1 || strings.Count(page, "<h2>") != 4 || strings.Contains(page, "<h3") || strings.Contains(page, "<h4") {
			t.Errorf("%s: headings skip a level: %q", e.ID, regexp.MustCompile(`<h[1-6][^>]*>`).FindAllString(page, -1))
		}
		m := siteLDRe.FindStringSubmatch(page)
		var ld struct {
			Type          string `json:"@type"`
			URL, Headline string
			IsPartOf      struct{ URL string } `json:"isPartOf"`
		}
		if m == nil || json.Unmarshal([]byte(m[1]), &ld) != nil || ld.Type != "TechArticle" || ld.URL != url ||
			!strings.Contains(ld.Headline, e.Code) || ld.IsPartOf.URL != b.BaseURL {
			t.Errorf("%s: JSON-LD %+v", e.ID, ld)
		}
		if !strings.Contains(main, `<a href="e/`+e.ID+`.html" data-url="`+url+`">`) {
			t.Errorf("the main page does not link to %s's page, with its address to print", e.ID)
		}
	}
}

// TestSiteRobots checks robots.txt: everything allowed, the sitemap named.
func TestSiteRobots(t *testing.T) {
	b := loadFixture(t)
	b.BaseURL = "https://example.org/errors/"
	got := tree(t, export(t, exporters.Site, b))["site/robots.txt"]
	want := "User-agent: *\nAllow: /\n\nSitemap: https://example.org/errors/sitemap.xml\n"
	if got != want {
		t.Errorf("robots.txt (-want +got):\n%s", cmp.Diff(want, got))
	}
}

// TestSiteWritten checks that the site the writer places, which renders
// the main page's blocks ahead of it on every core while the entries'
// pages render too, is byte for byte the pages rendered one at a time
// (SiteHTML, SiteEntryHTML).
func TestSiteWritten(t *testing.T) {
	for name, b := range map[string]*exporters.Bundle{
		"fixture":   loadFixture(t),
		"synthetic": load(t, synthtest.Tree(t, 300)),
	} {
		target := filepath.Join(t.TempDir(), "dist")
		if err := exporters.Write(b, []*exporters.Exporter{exporters.Site}, target); err != nil {
			t.Fatal(err)
		}
		files := tree(t, target)
		if want := siteHTML(t, b); files["site/index.html"] != want {
			t.Errorf("%s: site/index.html differs from SiteHTML's", name)
		}
		for _, e := range b.Entries {
			want, err := exporters.SiteEntryHTML(b, e)
			if err != nil {
				t.Fatal(err)
			}
			if got := files["site/e/"+e.ID+".html"]; got != string(want) {
				t.Errorf("%s: site/e/%s.html differs from SiteEntryHTML's", name, e.ID)
			}
		}
	}
}
