package exporters

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/synth/synthtest"
	"github.com/errref/errref/loader/loadertest"
)

// The oracle: the templates and view types that rendered an entry's block
// and its own page before site_render.go, kept verbatim. The Go renderer
// must write exactly what they write, for every input.

// oracleDefines are the entries' templates of site/index.html.tmpl.
const oracleDefines = `{{- define "legend"}}
<p class="legend"><span>Cause chain:</span>
{{- range states}} <span class="node st-{{.}}"><span class="box"><span class="label">{{.}}</span></span></span>{{end}}</p>
{{- end}}
{{- define "entry"}}
<article class="entry" id="e-{{.ID}}" data-severity="{{.Severity}}" data-categories="{{.Categories}}">
<details>
<summary>
<h3 class="head"><code class="code">{{.Code}}</code> <span class="title">{{.Title}}</span></h3>
{{template "meta" .}}
</summary>
<div class="body">
{{- .Sections}}
<p class="permalink"><a href="{{.Path}}" data-url="{{.URL}}">Page of {{.Code}}</a><span> · <a href="#e-{{.ID}}">Link here</a></span></p>
</div>
</details>
</article>
{{- end}}
{{- define "meta"}}
<span class="meta">
<span class="badge sev-{{.Severity}}">{{.SeverityLabel}}</span>
{{- range .Platforms}}
<span class="platform">{{.}}</span>
{{- end}}
</span>
{{- end}}
{{- /* An entry's sections, with h4 headings under its h3 on the main page;
its own page shows them with h2 under its h1 (siteH2). */}}
{{- define "sections"}}
<h4>Displayed message</h4>
{{- if .Variants}}
<ul class="messages">
{{- range .Variants}}
<li><q>{{.Text}}</q>{{with .When}} <span class="when">when {{.}}</span>{{end}}</li>
{{- end}}
</ul>
{{- else}}
<p class="messages missing">{{missing}}</p>
{{- end}}
{{- with .LocaleGaps}}
<p class="gaps">Missing locale string:{{range $i, $g := .}}{{if $i}},{{end}} <code>{{$g.Locale}}</code>{{end}}</p>
{{- end}}
{{- with .Codes}}
<dl class="codes">
{{- range .}}
<div><dt><code>{{.Code}}</code></dt><dd>{{if .Meaning}}{{.Meaning}}{{else}}—{{end}}</dd></div>
{{- end}}
</dl>
{{- end}}
<h4>Cause chain</h4>
<ol class="chain">
{{- range .Chain}}
<li class="node st-{{.State}}"><span class="box"><span class="label">{{.Label}}</span>{{with .Detail}}<span class="detail">{{.}}</span>{{end}}</span><span class="visually-hidden"> ({{.State}})</span></li>
{{- end}}
</ol>
<h4>Causes</h4>
<ul class="causes">
{{- range .Causes}}
<li>{{.}}</li>
{{- end}}
</ul>
<h4>Resolution</h4>
<ol class="steps">
{{- range .Steps}}
<li>{{range .}}{{if .Code}}<code>{{.Text}}</code>{{else}}{{.Text}}{{end}}{{end}}</li>
{{- end}}
</ol>
{{- with .Note}}
<aside class="note note-{{.Kind}}"><strong>{{.Lead}}:</strong> {{.Text}}</aside>
{{- end}}
{{- end}}
`

// oracleEntryPage is site/entry.html.tmpl.
const oracleEntryPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{.Title}}</title>
<meta name="description" content="{{.Description}}">
<link rel="canonical" href="{{.URL}}">
<meta property="og:type" content="article">
<meta property="og:title" content="{{.Title}}">
<meta property="og:description" content="{{.Description}}">
<meta property="og:url" content="{{.URL}}">
<meta name="twitter:card" content="summary">
<script>{{.ThemeJS}}</script>
<style>{{.CSS}}</style>
<script type="application/ld+json">{{.LD}}</script>
</head>
<body class="page">
<header class="top">
<div class="wrap">
<p class="crumb"><a href="../index.html">Spotify Desktop Error Reference</a></p>
</div>
</header>
{{- with .Entry}}
<main class="wrap">
<article class="entry" id="e-{{.ID}}" data-severity="{{.Severity}}">
<div class="entry-head">
<h1 class="head"><code class="code">{{.Code}}</code> <span class="title">{{.Title}}</span></h1>
{{template "meta" .}}
</div>
<div class="body">
{{- .Sections}}
{{$.Legend}}
</div>
</article>
<p class="permalink"><a href="../index.html#e-{{.ID}}" data-url="{{$.BaseURL}}#e-{{.ID}}">{{.Code}} in the full reference</a><span> · <a href="../llms-full.txt">plain text</a></span></p>
</main>
{{- end}}
<footer class="wrap foot">
<p>Unofficial community reference based on observed client behavior and user-reported reproduction cases. Not affiliated with or endorsed by Spotify AB.</p>
</footer>
</body>
</html>
`

var oracleTmpl = template.Must(template.Must(template.New("entry.html.tmpl").Funcs(template.FuncMap{
	"missing": func() string { return MissingMessage },
	"states":  func() []entry.State { return siteStates },
}).Parse(oracleEntryPage)).New("defines").Parse(oracleDefines))

type oracleEntry struct {
	ID, Code, Title         string
	Severity, SeverityLabel string
	Categories              string
	Platforms               []string
	Path, URL               string
	Sections                template.HTML
}

type oracleSections struct {
	Variants   []entry.Variant
	LocaleGaps []entry.LocaleGap
	Codes      []entry.Code
	Chain      []oracleNode
	Causes     []string
	Steps      [][]oracleSpan
	Note       *oracleNote
}

type oracleNode struct{ State, Label, Detail string }

type oracleSpan struct {
	Text string
	Code bool
}

type oracleNote struct{ Kind, Lead, Text string }

type oraclePageData struct {
	Title, Description string
	URL, BaseURL       string
	CSP                string
	CSS                template.CSS
	ThemeJS            template.JS
	LD                 any
	Legend             template.HTML
	Entry              *oracleEntry
}

func newOracleEntry(base string, e *entry.Entry) *oracleEntry {
	v := &oracleEntry{
		ID: e.ID, Code: e.Code, Title: e.Title,
		Severity: string(e.Severity), SeverityLabel: severityLabel(e.Severity),
		Path: siteEntryPath(e), URL: siteEntryURL(base, e),
	}
	var cats []string
	for _, c := range e.Categories {
		cats = append(cats, string(c))
	}
	v.Categories = strings.Join(cats, " ")
	v.Platforms = make([]string, len(e.Platforms))
	for i, p := range e.Platforms {
		v.Platforms[i] = entry.PlatformLabel(p)
	}
	return v
}

func oracleSectionsHTML(e *entry.Entry) (template.HTML, error) {
	v := &oracleSections{Variants: e.Message.Variants, LocaleGaps: e.Message.LocaleGaps, Causes: e.Causes}
	if len(e.Codes) > 1 {
		v.Codes = e.Codes
	}
	v.Chain = make([]oracleNode, len(e.Chain))
	for i, n := range e.Chain {
		v.Chain[i] = oracleNode{string(n.State), n.Label, n.Detail}
	}
	v.Steps = make([][]oracleSpan, len(e.Resolution))
	for i, step := range e.Resolution {
		parts := entry.StepParts(step)
		spans := make([]oracleSpan, len(parts))
		for j, p := range parts {
			spans[j] = oracleSpan{p, j%2 == 1}
		}
		v.Steps[i] = spans
	}
	if e.Note != nil {
		v.Note = &oracleNote{string(e.Note.Kind), e.Note.Lead(), e.Note.Text}
	}
	var buf bytes.Buffer
	err := oracleTmpl.ExecuteTemplate(&buf, "sections", v)
	return template.HTML(buf.String()), err
}

// oracleBlock is an entry's block on the main page, as the templates wrote it.
func oracleBlock(base string, e *entry.Entry) ([]byte, error) {
	v := newOracleEntry(base, e)
	var err error
	if v.Sections, err = oracleSectionsHTML(e); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = oracleTmpl.ExecuteTemplate(&buf, "entry", v)
	return buf.Bytes(), err
}

// oraclePage is an entry's own page, as the templates wrote it.
func oraclePage(b *Bundle, e *entry.Entry) ([]byte, error) {
	if err := siteBaseURL(b); err != nil {
		return nil, err
	}
	p := oraclePageData{
		Title:       fmt.Sprintf("%s: %s · Spotify error", e.Code, e.Title),
		Description: siteEntryDescription(e),
		URL:         siteEntryURL(b.BaseURL, e),
		BaseURL:     b.BaseURL,
		CSP:         siteEntryCSP(),
		CSS:         template.CSS(siteCSS),
		ThemeJS:     template.JS(siteThemeJS),
	}
	v := newOracleEntry(b.BaseURL, e)
	sections, err := oracleSectionsHTML(e)
	if err != nil {
		return nil, err
	}
	v.Sections = template.HTML(strings.NewReplacer("<h4>", "<h2>", "</h4>", "</h2>").Replace(string(sections)))
	p.Entry = v
	var legend bytes.Buffer
	if err := oracleTmpl.ExecuteTemplate(&legend, "legend", nil); err != nil {
		return nil, err
	}
	p.Legend = template.HTML(legend.String())
	p.LD = ldArticle{
		Context:     "https://schema.org",
		Type:        "TechArticle",
		Headline:    fmt.Sprintf("Spotify error %s: %s", e.Code, e.Title),
		Description: p.Description,
		URL:         p.URL,
		InLanguage:  "en",
		IsPartOf:    ldRef{Type: "WebSite", Name: siteTitle, URL: b.BaseURL},
	}
	var buf bytes.Buffer
	err = oracleTmpl.ExecuteTemplate(&buf, "entry.html.tmpl", p)
	return buf.Bytes(), err
}

// siteRenderMatches fails t unless the Go renderer writes e's block and
// page as the oracle does.
func siteRenderMatches(t *testing.T, b *Bundle, e *entry.Entry) {
	t.Helper()
	want, err := oracleBlock(b.BaseURL, e)
	if err != nil {
		t.Fatal(err)
	}
	got := siteAppendBlock(nil, b.BaseURL, e)
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: block differs from the template's (-want +got):\n%s", e.ID, cmp.Diff(string(want), string(got)))
	}
	want, werr := oraclePage(b, e)
	got, gerr := siteRenderPage(b, e)
	if (werr != nil) != (gerr != nil) {
		t.Fatalf("%s: page: template's error %v, renderer's %v", e.ID, werr, gerr)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: page differs from the template's (-want +got):\n%s", e.ID, cmp.Diff(string(want), string(got)))
	}
}

// TestSiteRenderOracle compares the Go renderer with the templates it
// replaced on the seed entries, the hostile fixture and 1,000 synthetic
// entries.
func TestSiteRenderOracle(t *testing.T) {
	for name, root := range map[string]string{
		"seed":      loadertest.SeedDir(t),
		"fixture":   "testdata/fixture",
		"synthetic": synthtest.Tree(t, 1000),
	} {
		t.Run(name, func(t *testing.T) {
			b, err := NewBundle(loadertest.Load(t, root).Entries())
			if err != nil {
				t.Fatal(err)
			}
			b.BaseURL = UpstreamBaseURL
			for _, e := range b.Entries {
				siteRenderMatches(t, b, e)
			}
		})
	}
}

// FuzzSiteRender feeds arbitrary text to every field the entry's block
// and page show, valid UTF-8 or not, and compares the Go renderer with
// the templates it replaced. shape's bits drop parts an entry may lack.
func FuzzSiteRender(f *testing.F) {
	for _, s := range []string{
		"",
		"plain words",
		"<script>alert(1)</script>",
		`"'><img src=x onerror=alert(1)> & +1`,
		"`<b>code</b>` and `unbalanced",
		"NUL \x00 byte, invalid \xff\xfe UTF-8, \u2028\u2029 separators, \ufdd0 \uffff",
		"javascript:alert(1)",
		"a b/c?d=e&f#g%41%zz%4",
		"É · — ü",
	} {
		f.Add(uint8(0), s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s)
	}
	f.Add(uint8(0xff), "id", "code", "title", "error", "auth", "windows", "text", "", "de", "c:2", "", "label", "", "critical", "cause", "a `b` c", "known-bug", "", "note")
	f.Fuzz(func(t *testing.T, shape uint8, id, code, title, severity, category, platform, text, when, locale, code2, meaning, label, detail, state, cause, step, kind, noteTitle, noteText string) {
		e := &entry.Entry{
			ID: id, Code: code, Title: title, Severity: entry.Severity(severity),
			Codes:      []entry.Code{{Code: code}, {Code: code2, Meaning: meaning}},
			Categories: []entry.Category{entry.Category(category), "auth"},
			Platforms:  []string{platform, "macos"},
			Message: entry.Message{
				Variants:   []entry.Variant{{Text: text, When: when}, {Text: when}},
				LocaleGaps: []entry.LocaleGap{{Locale: locale}, {Locale: "fr"}},
			},
			Chain:      []entry.Node{{Label: label, Detail: detail, State: entry.State(state)}, {Label: detail, State: entry.Good}},
			Causes:     []string{cause, text},
			Resolution: []string{step, cause},
			Note:       &entry.Note{Kind: entry.NoteKind(kind), Title: noteTitle, Text: noteText},
		}
		if shape&1 != 0 {
			e.Message.Variants = nil
		}
		if shape&2 != 0 {
			e.Message.LocaleGaps = nil
		}
		if shape&4 != 0 {
			e.Codes = e.Codes[:1]
		}
		if shape&8 != 0 {
			e.Note = nil
		}
		if shape&16 != 0 {
			e.Categories, e.Platforms, e.Causes, e.Resolution = nil, nil, nil, nil
		}
		b := &Bundle{Entries: []*entry.Entry{e}, BaseURL: UpstreamBaseURL}
		if shape&32 != 0 {
			// Text in the base URL too: the page checks it first.
			b.BaseURL = "https://example.org/" + noteTitle
		}
		siteRenderMatches(t, b, e)
	})
}
