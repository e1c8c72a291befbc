package exporters

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/project"
)

// Site writes a static site that replaces the upstream's hand-edited page.
var Site = &Exporter{
	Name: "site",
	Doc: `A static site: site/index.html, sitemap.xml and the llms files

One self-contained page (CSS, scripts and data inline) that works from
file:// and from any static host and requests nothing from any other
origin (its Content-Security-Policy forbids it). Every entry is rendered
on the server side, so the page reads without JavaScript; the script adds
search, filters, grouping by severity, highlighting and deep links
(#e-<id>). site/llms.txt and site/llms-full.txt make the folder complete
when deployed alone. See docs/site.md.`,
	Files: []string{"site/index.html", "site/sitemap.xml", "site/llms.txt", "site/llms-full.txt"},
	Export: func(b *Bundle) ([]File, error) {
		if err := checkOneLine(b); err != nil {
			return nil, fmt.Errorf("site/llms.txt: %w", err) // the site carries the llms files
		}
		page, err := SiteHTML(b)
		if err != nil {
			return nil, err
		}
		sitemap, err := SiteSitemap(b)
		if err != nil {
			return nil, err
		}
		return []File{
			{Name: "site/index.html", Data: page},
			{Name: "site/sitemap.xml", Data: sitemap},
			{Name: "site/llms.txt", Data: []byte(LLMsIndex(b))},
			{Name: "site/llms-full.txt", Data: []byte(LLMsFull(b))},
		}, nil
	},
}

// The page's assets are embedded so that the binary alone can build it.
//
//go:embed site/index.html.tmpl site/site.css site/theme.js site/site.js
var siteFS embed.FS

var (
	siteTmpl = template.Must(template.New("index.html.tmpl").Funcs(template.FuncMap{
		"stepParts":     entry.StepParts,
		"odd":           func(i int) bool { return i%2 == 1 },
		"severityLabel": severityLabel,
		"platformLabel": entry.PlatformLabel,
		"categoryLabel": categoryLabel,
		"missing":       func() string { return MissingMessage },
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
	Data               Envelope // the entries, for the script; the shape of errors.json
	LD                 any      // JSON-LD: WebSite with SearchAction, FAQPage
	Groups             []Group
	Count              int
	Categories         []siteChip
	Severities         []siteChip
	Built              string // RFC 3339, or "" for no timestamp
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
	if err := siteBaseURL(b); err != nil {
		return nil, fmt.Errorf("site/index.html: %w", err)
	}
	p := sitePage{
		Title:       siteTitle,
		Description: siteDescription(b),
		BaseURL:     b.BaseURL,
		RepoURL:     b.RepoURL,
		CSS:         template.CSS(siteCSS),
		ThemeJS:     template.JS(siteThemeJS),
		AppJS:       template.JS(siteAppJS),
		Data:        Envelope{b.SchemaVersion, b.DataVersion, len(b.Entries), b.Entries},
		LD:          siteLD(b),
		Groups:      Groups(b.Entries),
		Count:       len(b.Entries),
		Categories:  categoryChips(b.Entries),
		Severities:  severityChips(b.Entries),
	}
	if p.Data.Entries == nil {
		p.Data.Entries = []*entry.Entry{}
	}
	if !b.Time.IsZero() {
		p.Built = b.Time.UTC().Format(time.RFC3339)
	}
	// Inline code runs only if its hash is listed, and nothing may be
	// fetched from anywhere: injected markup could neither run a script
	// nor send data away even if escaping ever failed.
	p.CSP = fmt.Sprintf("default-src 'none'; script-src %s %s; style-src %s; connect-src 'none'; base-uri 'none'; form-action 'none'",
		cspHash(siteThemeJS), cspHash(siteAppJS), cspHash(siteCSS))
	var buf bytes.Buffer
	if err := siteTmpl.Execute(&buf, p); err != nil {
		return nil, fmt.Errorf("site/index.html: %w", err)
	}
	return buf.Bytes(), nil
}

// cspHash is the CSP source expression that allows one inline block.
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
	ldGraph struct {
		Context string `json:"@context"`
		Graph   []any  `json:"@graph"`
	}
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
	ldFAQPage struct {
		Type       string       `json:"@type"`
		MainEntity []ldQuestion `json:"mainEntity"`
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
)

// siteLD is the page's structured data. html/template encodes it as JSON
// escaped for a script element.
func siteLD(b *Bundle) ldGraph {
	faq := ldFAQPage{Type: "FAQPage", MainEntity: []ldQuestion{}}
	for _, g := range Groups(b.Entries) {
		for _, e := range g.Entries {
			faq.MainEntity = append(faq.MainEntity, ldQuestion{
				Type:           "Question",
				Name:           fmt.Sprintf("What does Spotify error %s mean?", e.Code),
				URL:            b.BaseURL + "#e-" + e.ID,
				AcceptedAnswer: ldAnswer{Type: "Answer", Text: faqAnswer(e)},
			})
		}
	}
	return ldGraph{
		Context: "https://schema.org",
		Graph: []any{
			ldWebSite{
				Type:        "WebSite",
				Name:        siteTitle,
				URL:         b.BaseURL,
				Description: siteDescription(b),
				PotentialAction: ldSearchAction{
					Type:       "SearchAction",
					Target:     ldEntryPoint{Type: "EntryPoint", URLTemplate: b.BaseURL + "?q={search_term_string}"},
					QueryInput: "required name=search_term_string",
				},
			},
			faq,
		},
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

// sitemap.xml, in the sitemaps.org 0.9 format.
type (
	sitemapURLSet struct {
		XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapURL `xml:"url"`
	}
	sitemapURL struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
)

// SiteSitemap renders site/sitemap.xml: the page, with <lastmod> only
// when the bundle has a build time.
func SiteSitemap(b *Bundle) ([]byte, error) {
	if err := siteBaseURL(b); err != nil {
		return nil, fmt.Errorf("site/sitemap.xml: %w", err)
	}
	u := sitemapURL{Loc: b.BaseURL}
	if !b.Time.IsZero() {
		u.LastMod = b.Time.UTC().Format("2006-01-02")
	}
	out, err := xml.MarshalIndent(sitemapURLSet{URLs: []sitemapURL{u}}, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("site/sitemap.xml: %w", err)
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
