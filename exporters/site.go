package exporters

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"iter"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/project"
)

// Site writes a static site that replaces the upstream's hand-edited page.
var Site = &Exporter{
	Name: "site",
	Doc: `A static site: site/index.html, a page per entry, sitemap.xml, robots.txt, errors.json and the llms files

One self-contained page (CSS, scripts and search index inline) that
works from file:// and from any static host and requests nothing from
any other origin (its Content-Security-Policy forbids it). Every entry
and every control is rendered on the server side, so the page reads
without JavaScript and nothing moves when the script runs; the script
adds word search, filters, grouping by severity, highlighting and deep
links (#e-<id>). Each entry also has a small page of its own,
site/e/<id>.html, listed in site/sitemap.xml. site/errors.json,
site/llms.txt and site/llms-full.txt make the folder complete when
deployed alone. See docs/site.md.`,
	Files: []string{"site/index.html", "site/e/*.html", "site/sitemap.xml", "site/robots.txt",
		"site/errors.json", "site/llms.txt", "site/llms-full.txt"},
	Export: func(b *Bundle) ([]File, error) {
		if err := checkOneLine(b); err != nil {
			return nil, fmt.Errorf("site/llms.txt: %w", err) // the site carries the llms files
		}
		return SiteFiles(b)
	},
}

// SiteFiles renders the whole site folder, in a fixed order: the page,
// one page per entry, the sitemap, robots.txt, and errors.json and the
// llms files byte for byte as in the bundle, so that the folder is
// complete when deployed alone.
func SiteFiles(b *Bundle) ([]File, error) {
	page, err := siteIndexPage(b)
	if err != nil {
		return nil, err
	}
	// The page lists every entry, about 3 KB each (300 MB at 100,000
	// entries): it goes to its file as it renders.
	files := []File{{Name: "site/index.html", Stream: func(w io.Writer) error { return siteExecuteIndex(w, page) }}}
	for _, e := range b.Entries {
		// Rendered as the writer places it: at 100,000 entries the
		// pages would otherwise be gigabytes in memory at once.
		files = append(files, File{Name: "site/" + siteEntryPath(e), Make: func() ([]byte, error) { return siteRenderPage(b, e) }})
	}
	if err := siteBaseURL(b); err != nil {
		return nil, fmt.Errorf("site/sitemap.xml: %w", err)
	}
	files = append(files,
		envelopeFile(b, "site/errors.json"),
		File{Name: "site/sitemap.xml", Stream: func(w io.Writer) error { return writeSitemap(w, b) }},
		File{Name: "site/robots.txt", Data: siteRobots(b)},
	)
	return append(files, llmsFiles(b, "site/")...), nil
}

// siteEntryPath is an entry's own page, relative to the site folder. Ids
// are slugs ([a-z0-9-]), so they are safe as a file name. Files side by
// side, not a folder each: making and removing a folder per entry was
// most of a large build's time.
func siteEntryPath(e *entry.Entry) string { return "e/" + e.ID + ".html" }

// siteEntryURL is the canonical URL of an entry's page: the file itself,
// which every static host serves as it is, file:// included.
func siteEntryURL(base string, e *entry.Entry) string { return base + siteEntryPath(e) }

// siteRobots allows everything and names the sitemap.
func siteRobots(b *Bundle) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + b.BaseURL + "sitemap.xml\n")
}

// The page's assets are embedded so that the binary alone can build it.
//
//go:embed site/index.html.tmpl site/site.css site/theme.js site/site.js
var siteFS embed.FS

var (
	// The main page's shell, rendered once; the entries' markup is Go
	// code (site_render.go).
	siteTmpl = template.Must(template.New("index.html.tmpl").Funcs(template.FuncMap{
		"states": func() []entry.State { return siteStates },
	}).ParseFS(siteFS, "site/index.html.tmpl"))
	siteCSS     = mustAsset("site/site.css")
	siteThemeJS = mustAsset("site/theme.js")
	siteAppJS   = mustAsset("site/site.js")
)

func mustAsset(name string) string {
	b, err := siteFS.ReadFile(name)
	if err != nil {
		panic(err) // only a broken build can get here: the file is embedded
	}
	return string(b)
}

// siteTitle and siteDescription head the page and its social cards.
const siteTitle = "Spotify Desktop Error Reference"

func siteDescription(b *Bundle) string {
	return fmt.Sprintf("Community reference for %d error codes of the Spotify desktop client (%s): the displayed message, the chain of components that leads to it, causes and step-by-step fixes.", len(b.Entries), scope(b.Entries))
}

// sitePage is what the template renders.
type sitePage struct {
	Title, Description string
	BaseURL, RepoURL   string
	CSP                string
	CSS                template.CSS
	ThemeJS, AppJS     template.JS
	DataVersion        string
	SchemaVersion      string
	// The search index, for the script, and the JSON-LD (a WebSite with
	// its SearchAction, and an FAQPage of every entry): the template
	// writes the arrays' brackets, and their elements come in chunks
	// (jsonChunks), made as they are written. Each whole, as one value,
	// was marshalled into a buffer and copied into a string (70 and 50
	// MB of values at 100,000 entries, and each a few times over as JSON).
	Index      iter.Seq[template.JS]
	LDSite     ldWebSite
	LDFAQ      iter.Seq[template.JS]
	Groups     []siteGroup
	Count      int
	Categories []siteChip
	Severities []siteChip
	Built      string // RFC 3339, or "" for no timestamp

	baseURL string  // for the entries' blocks
	groups  []Group // the entries, in page order
	index   iter.Seq2[int, siteIndex]
	ldFAQ   iter.Seq2[int, ldQuestion]
}

// siteChunk is about the size in which the page's long lists (the
// search index, the JSON-LD's questions, the entries' blocks) are handed
// to the template: an action costs a few reflect calls, more than a
// small value's text (2.5 s of 33 at 100,000 entries, with one action
// per value), and a chunk held is small.
const siteChunk = 8 << 10

// jsonChunks yields the elements of seq, comma-separated, as the inside
// of a JSON array, about siteChunk bytes at a time; the first error
// stops it and is kept in *failed. Each element is json.Marshal's, which
// is what html/template writes for an array or object in a script (its
// jsValEscaper; "<", ">", "&", U+2028 and U+2029 escaped, so no text
// can end the element), so the page is byte for byte what one action
// per element wrote.
func jsonChunks[T any](seq iter.Seq2[int, T], failed *error) iter.Seq[template.JS] {
	return func(yield func(template.JS) bool) {
		var buf []byte
		for i, v := range seq {
			data, err := json.Marshal(v)
			if err != nil {
				*failed = err
				return
			}
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, data...)
			if len(buf) >= siteChunk {
				if !yield(template.JS(buf)) {
					return
				}
				buf = buf[:0]
			}
		}
		if len(buf) > 0 {
			yield(template.JS(buf))
		}
	}
}

// siteGroup is a group of the page, with its entries' blocks.
type siteGroup struct {
	Category entry.Category
	Label    string
	Blocks   iter.Seq[template.HTML]
}

// siteChip is one filter choice and how many entries it has.
type siteChip struct {
	ID, Label string
	Count     int
}

// siteBaseURL checks the base URL: the canonical link, the cards, the
// JSON-LD and the sitemap need an absolute http(s) URL.
func siteBaseURL(b *Bundle) error {
	u, err := url.Parse(b.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("base URL %q: want an absolute http(s) URL such as %s", b.BaseURL, project.SiteURL)
	}
	return nil
}

// SiteHTML renders site/index.html.
func SiteHTML(b *Bundle) ([]byte, error) {
	p, err := siteIndexPage(b)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := siteExecuteIndex(&buf, p); err != nil {
		return nil, fmt.Errorf("site/index.html: %w", err)
	}
	return buf.Bytes(), nil
}

// siteExecuteIndex writes site/index.html to w.
func siteExecuteIndex(w io.Writer, p sitePage) error {
	// Each entry's block is rendered on every core, at most
	// renderWindow ahead of the page, which takes them in order.
	var order []*entry.Entry
	for _, g := range p.groups {
		order = append(order, g.Entries...)
	}
	files := make([]File, len(order))
	for i, e := range order {
		// A block is 2 KB, at most 3.2 KB, in the synthetic entries.
		files[i] = File{Make: func() ([]byte, error) { return siteAppendBlock(renderBuffer(4<<10), p.baseURL, e), nil }}
	}
	next, stop := renderAhead(files, renderWindow)
	defer stop()
	var failed error
	p.Index, p.LDFAQ = jsonChunks(p.index, &failed), jsonChunks(p.ldFAQ, &failed)
	start := 0
	p.Groups = slices.Clone(p.Groups) // the caller's keep no block
	for i, g := range p.groups {
		first, n := start, len(g.Entries)
		start += n
		// In chunks, each block after a line break.
		p.Groups[i].Blocks = func(yield func(template.HTML) bool) {
			var buf []byte
			for j := first; j < first+n && failed == nil; j++ {
				data, err := next(j).Content()
				if err != nil {
					failed = err
					return
				}
				files[j] = File{}
				buf = append(append(buf, '\n'), data...)
				recycle(data)
				if len(buf) >= siteChunk || j == first+n-1 {
					if !yield(template.HTML(buf)) {
						return
					}
					buf = buf[:0]
				}
			}
		}
	}
	if err := siteTmpl.ExecuteTemplate(w, "index.html.tmpl", p); err != nil {
		return err
	}
	return failed
}

// siteIndexPage is what site/index.html renders.
func siteIndexPage(b *Bundle) (sitePage, error) {
	if err := siteBaseURL(b); err != nil {
		return sitePage{}, fmt.Errorf("site/index.html: %w", err)
	}
	p := sitePage{
		Title:         siteTitle,
		Description:   siteDescription(b),
		BaseURL:       b.BaseURL,
		RepoURL:       b.RepoURL,
		CSS:           template.CSS(siteCSS),
		ThemeJS:       template.JS(siteThemeJS),
		AppJS:         template.JS(siteAppJS),
		DataVersion:   b.DataVersion,
		SchemaVersion: b.SchemaVersion,
		LDSite:        siteLDWebSite(b),
		Count:         len(b.Entries),
		Categories:    categoryChips(b.Entries),
		Severities:    severityChips(b.Entries),
	}
	if !b.Time.IsZero() {
		p.Built = b.Time.UTC().Format(time.RFC3339)
	}
	p.baseURL, p.groups = b.BaseURL, Groups(b.Entries)
	p.index, p.ldFAQ = siteSearchIndex(p.groups), siteLDFAQ(b.BaseURL, p.groups)
	p.Groups = make([]siteGroup, len(p.groups))
	for i, g := range p.groups {
		p.Groups[i] = siteGroup{Category: g.Category, Label: g.Label}
	}
	// Inline code runs only if its hash is listed, and nothing may be
	// fetched from anywhere: injected markup could neither run a script
	// nor send data away even if escaping ever failed.
	p.CSP = fmt.Sprintf("default-src 'none'; script-src %s %s; style-src %s; %s",
		cspHash(siteThemeJS), cspHash(siteAppJS), cspHash(siteCSS), siteCSPRest)
	return p, nil
}

// siteStates are the chain's node states, in the legend's order: worst first.
var siteStates = []entry.State{entry.Critical, entry.Fragile, entry.Good, entry.Neutral}

// SiteEntryHTML renders an entry's own page, site/e/<id>.html: the
// entry opened, with its own title, description, canonical URL and
// JSON-LD, for search engines and links in chat messages.
func SiteEntryHTML(b *Bundle, e *entry.Entry) ([]byte, error) { return siteRenderPage(b, e) }

// siteLegend is the legend of the chain's states, the same on every page.
var siteLegend = sync.OnceValues(func() (template.HTML, error) {
	var buf bytes.Buffer
	if err := siteTmpl.ExecuteTemplate(&buf, "legend", nil); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
})

// siteEntryDescription is an entry's page description: what it is and
// what the client shows.
func siteEntryDescription(e *entry.Entry) string {
	return fmt.Sprintf("Spotify desktop error %s, %s (%s). The client shows: \"%s\". Why it happens and how to fix it.",
		e.Code, e.Title, strings.ToLower(severityLabel(e.Severity)), PlainMessage(e))
}

// siteIndex is one entry in the page's search index: its id, then its
// codes, then the words of its title, displayed messages and everything
// else, each field's words unique and space-separated. The codes are the
// code and the concrete codes, each as its words, comma-separated, so
// that the script can tell a query naming a code (accounts:54) from one
// that only shares its words. The script ranks a match by the first field
// it is found in.
type siteIndex [5]string

// siteSearchIndex yields the search index of the entries of groups, in
// page order, each made as it is asked for.
func siteSearchIndex(groups []Group) iter.Seq2[int, siteIndex] {
	return func(yield func(int, siteIndex) bool) {
		seen := map[string]bool{} // siteFieldWords', cleared for each field
		i := 0
		for _, g := range groups {
			for _, e := range g.Entries {
				if !yield(i, siteIndexOf(seen, e)) {
					return
				}
				i++
			}
		}
	}
}

// siteIndexOf is e's entry in the search index.
func siteIndexOf(seen map[string]bool, e *entry.Entry) siteIndex {
	codes := []string{e.Code}
	var msgs, rest []string
	for _, c := range e.Codes {
		codes = append(codes, c.Code)
		rest = append(rest, c.Meaning)
	}
	for _, v := range e.Message.Variants {
		msgs = append(msgs, v.Text)
		rest = append(rest, v.When)
	}
	for _, n := range e.Chain {
		rest = append(rest, n.Label, n.Detail)
	}
	rest = append(rest, e.Causes...)
	rest = append(rest, e.Resolution...)
	if e.Note != nil {
		rest = append(rest, e.Note.Lead(), e.Note.Text)
	}
	return siteIndex{e.ID, siteCodeWords(codes), siteFieldWords(seen, []string{e.Title}), siteFieldWords(seen, msgs), siteFieldWords(seen, rest)}
}

// SiteWords splits text into the words the page's search knows: runs of
// letters and digits, lowercased. Everything else separates words, so
// "can't", "rate-limit" and "accounts:54" are two words each. site.js
// splits a query by the same rule.
func SiteWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
}

// siteCodeWords writes each code as its words, once, comma-separated.
func siteCodeWords(codes []string) string {
	var out []string
	for _, c := range codes {
		if w := strings.Join(SiteWords(c), " "); w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return strings.Join(out, ",")
}

// siteFieldWords writes the words of texts, each once, space-separated.
// seen is a map to use, cleared: one map for every field of the index,
// not one each (a tenth of the page's search index's time).
func siteFieldWords(seen map[string]bool, texts []string) string {
	clear(seen)
	var words []string
	for _, t := range texts {
		for _, w := range SiteWords(t) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	return strings.Join(words, " ")
}

// siteCSPRest ends every page's policy. connect-src allows the page's own
// origin only because tools that audit a page (Lighthouse reads robots.txt)
// fetch from inside it; the page's own scripts, pinned by hash, fetch
// nothing, and no other origin can be reached.
const siteCSPRest = "connect-src 'self'; base-uri 'none'; form-action 'none'"

// cspHash is the CSP source expression that allows one inline block.
// siteEntryCSP is the policy of every entry's page: its assets are the
// same on each, so their hashes are taken once.
var siteEntryCSP = sync.OnceValue(func() string {
	return fmt.Sprintf("default-src 'none'; script-src %s; style-src %s; %s",
		cspHash(siteThemeJS), cspHash(siteCSS), siteCSPRest)
})

func cspHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

// categoryChips lists the categories entries have, known ones first in
// their order, then unknown ones by name, each with its entry count.
func categoryChips(es []*entry.Entry) []siteChip {
	counts := map[entry.Category]int{}
	var extra []entry.Category
	for _, e := range es {
		for _, c := range e.Categories {
			if counts[c] == 0 && !slices.Contains(entry.Categories, c) {
				extra = append(extra, c)
			}
			counts[c]++
		}
	}
	slices.Sort(extra)
	var chips []siteChip
	for _, c := range append(slices.Clone(entry.Categories), extra...) {
		if counts[c] > 0 {
			chips = append(chips, siteChip{string(c), categoryLabel(c), counts[c]})
		}
	}
	return chips
}

// severityChips lists the severities, worst first as the upstream groups them.
func severityChips(es []*entry.Entry) []siteChip {
	var chips []siteChip
	for _, s := range slices.Backward(entry.Severities) {
		n := 0
		for _, e := range es {
			if e.Severity == s {
				n++
			}
		}
		chips = append(chips, siteChip{string(s), severityLabel(s), n})
	}
	return chips
}

func severityLabel(s entry.Severity) string {
	switch s {
	case entry.Warn:
		return "Warning"
	case entry.Info, entry.Error, entry.Fatal:
		return strings.ToUpper(string(s[:1])) + string(s[1:])
	}
	return string(s)
}

func categoryLabel(c entry.Category) string {
	if l, ok := entry.CategoryLabels[c]; ok {
		return l
	}
	return string(c)
}

// JSON-LD types: structs, so that key order is fixed.
type (
	ldWebSite struct {
		Type            string         `json:"@type"`
		Name            string         `json:"name"`
		URL             string         `json:"url"`
		Description     string         `json:"description"`
		PotentialAction ldSearchAction `json:"potentialAction"`
	}
	ldSearchAction struct {
		Type       string       `json:"@type"`
		Target     ldEntryPoint `json:"target"`
		QueryInput string       `json:"query-input"`
	}
	ldEntryPoint struct {
		Type        string `json:"@type"`
		URLTemplate string `json:"urlTemplate"`
	}
	ldQuestion struct {
		Type           string   `json:"@type"`
		Name           string   `json:"name"`
		URL            string   `json:"url"`
		AcceptedAnswer ldAnswer `json:"acceptedAnswer"`
	}
	ldAnswer struct {
		Type string `json:"@type"`
		Text string `json:"text"`
	}
	ldArticle struct {
		Context     string `json:"@context"`
		Type        string `json:"@type"`
		Headline    string `json:"headline"`
		Description string `json:"description"`
		URL         string `json:"url"`
		InLanguage  string `json:"inLanguage"`
		IsPartOf    ldRef  `json:"isPartOf"`
	}
	ldRef struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url"`
	}
)

// siteLDWebSite and siteLDFAQ are the page's structured data: the
// template writes the graph around them (its @context, and the FAQPage
// whose mainEntity are the questions) and html/template encodes each as
// JSON escaped for a script element.
func siteLDWebSite(b *Bundle) ldWebSite {
	return ldWebSite{
		Type:        "WebSite",
		Name:        siteTitle,
		URL:         b.BaseURL,
		Description: siteDescription(b),
		PotentialAction: ldSearchAction{
			Type:       "SearchAction",
			Target:     ldEntryPoint{Type: "EntryPoint", URLTemplate: b.BaseURL + "?q={search_term_string}"},
			QueryInput: "required name=search_term_string",
		},
	}
}

// siteLDFAQ yields the FAQPage's questions, one per entry of groups in
// page order, each made as it is asked for.
func siteLDFAQ(base string, groups []Group) iter.Seq2[int, ldQuestion] {
	return func(yield func(int, ldQuestion) bool) {
		i := 0
		for _, g := range groups {
			for _, e := range g.Entries {
				q := ldQuestion{
					Type:           "Question",
					Name:           fmt.Sprintf("What does Spotify error %s mean?", e.Code),
					URL:            siteEntryURL(base, e),
					AcceptedAnswer: ldAnswer{Type: "Answer", Text: faqAnswer(e)},
				}
				if !yield(i, q) {
					return
				}
				i++
			}
		}
	}
}

// faqAnswer is an entry in one paragraph of plain text.
func faqAnswer(e *entry.Entry) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s (%s). Displayed message: \"%s\".", e.Title, e.Severity, PlainMessage(e))
	if len(e.Causes) > 0 {
		fmt.Fprintf(&sb, " Causes: %s.", strings.Join(e.Causes, "; "))
	}
	if len(e.Resolution) > 0 {
		sb.WriteString(" Fix:")
		for i, s := range e.Resolution {
			fmt.Fprintf(&sb, " %d. %s.", i+1, strings.TrimSuffix(entry.PlainStep(s), "."))
		}
	}
	return sb.String()
}

// sitemapNS is the namespace of sitemap.xml, in the sitemaps.org 0.9
// format.
const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapURL is one <url> of sitemap.xml.
type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// SiteSitemap renders site/sitemap.xml: the page, then each entry's page
// in page order, with <lastmod> only when the bundle has a build time.
func SiteSitemap(b *Bundle) ([]byte, error) {
	if err := siteBaseURL(b); err != nil {
		return nil, fmt.Errorf("site/sitemap.xml: %w", err)
	}
	data, err := renderBytes(b, writeSitemap)
	if err != nil {
		return nil, fmt.Errorf("site/sitemap.xml: %w", err)
	}
	return data, nil
}

// writeSitemap writes site/sitemap.xml to w a <url> at a time: it is 9
// MB at 100,000 entries.
func writeSitemap(w io.Writer, b *Bundle) error {
	var mod string
	if !b.Time.IsZero() {
		mod = b.Time.UTC().Format("2006-01-02")
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	set := xml.StartElement{Name: xml.Name{Space: sitemapNS, Local: "urlset"}}
	url := xml.StartElement{Name: xml.Name{Local: "url"}}
	err := enc.EncodeToken(set)
	if err == nil {
		err = enc.EncodeElement(sitemapURL{b.BaseURL, mod}, url)
	}
	for _, g := range Groups(b.Entries) {
		for _, e := range g.Entries {
			if err == nil {
				err = enc.EncodeElement(sitemapURL{siteEntryURL(b.BaseURL, e), mod}, url)
			}
		}
	}
	if err == nil {
		err = enc.EncodeToken(set.End())
	}
	if err == nil {
		err = enc.Close()
	}
	if err == nil {
		_, err = io.WriteString(w, "\n")
	}
	return err
}
