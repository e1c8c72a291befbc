package exporters

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/errref/errref/entry"
)

// An entry's markup, its block on the main page and its own page, is
// written here by plain Go rather than by html/template, for speed only:
// at 100,000 entries html/template took 13.4 s of a build's 58 s of CPU,
// most of it calling its escapers through reflect for every action, to
// write a few KB per entry. What these functions write is byte for byte
// what the templates wrote (TestSiteRenderOracle and FuzzSiteRender hold
// the old templates and compare), escaping each value as html/template
// does in its context. The main page's shell, rendered once, stays a
// template.

// siteEscapes is html/template's htmlReplacementTable, what it writes for
// a value in text, in a title and in a quoted attribute: unlike
// template.HTMLEscapeString it escapes "+", and it writes NUL as U+FFFD.
var siteEscapes = [...]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// siteText appends s as html/template writes a value in text, in a title
// or in a quoted attribute other than a URL. It goes byte by byte, where
// html/template decodes runes: no byte of a multi-byte or invalid UTF-8
// sequence decodes to one of the ASCII runes it replaces, and it copies
// every other rune as it is.
func siteText(b []byte, s string) []byte {
	written := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; int(c) < len(siteEscapes) && siteEscapes[c] != "" {
			b = append(b, s[written:i]...)
			b = append(b, siteEscapes[c]...)
			written = i + 1
		}
	}
	return append(b, s[written:]...)
}

// siteTag appends open, s as siteText writes it, and close: most of an
// entry's markup is a value between two pieces of markup.
func siteTag(b []byte, open, s, close string) []byte {
	b = append(b, open...)
	b = siteText(b, s)
	return append(b, close...)
}

// siteURL appends s as html/template writes a value that begins a quoted
// URL attribute (href, data-url): a scheme other than http, https or
// mailto is replaced by "#ZgotmplZ" (its urlFilter), then s is
// normalised (its urlNormalizer, siteURLBytes) and escaped as in
// siteText.
func siteURL(b []byte, s string) []byte {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		return append(b, "#ZgotmplZ"...)
	}
	return siteURLBytes(b, s, true)
}

// siteFragment appends s as html/template writes a value in a URL's query
// or fragment (#e-{{.ID}}): its urlEscaper, siteURLBytes not normalising.
func siteFragment(b []byte, s string) []byte { return siteURLBytes(b, s, false) }

// siteURLBytes is html/template's processURLOnto, which it does not
// export (template.URLQueryEscaper is url.QueryEscape, not the same):
// every byte outside RFC 3986's unreserved set is percent-encoded
// (lowercase hex), except, when normalising, the reserved set and valid
// escapes. Of what is left as it is, "&" and "+" are then escaped as in
// siteText (the other bytes siteText escapes are always encoded).
func siteURLBytes(b []byte, s string, norm bool) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
			b = append(b, c)
		case norm && (strings.IndexByte("!#$*,/:;=?@[]", c) >= 0 ||
			c == '%' && i+2 < len(s) && siteIsHex(s[i+1]) && siteIsHex(s[i+2])):
			b = append(b, c)
		case norm && (c == '&' || c == '+'):
			b = append(b, siteEscapes[c]...)
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}

func siteIsHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// siteAppendBlock appends an entry's block on the main page.
func siteAppendBlock(b []byte, base string, e *entry.Entry) []byte {
	b = append(b, "\n<article class=\"entry\" id=\"e-"...)
	b = siteText(b, e.ID)
	b = append(b, `" data-severity="`...)
	b = siteText(b, string(e.Severity))
	b = append(b, `" data-categories="`...)
	for i, c := range e.Categories {
		if i > 0 {
			b = append(b, ' ')
		}
		b = siteText(b, string(c))
	}
	b = append(b, "\">\n<details>\n<summary>\n<h3 class=\"head\">"...)
	b = siteAppendHead(b, e)
	b = append(b, "</h3>\n"...)
	b = siteAppendMeta(b, e)
	b = append(b, "\n</summary>\n<div class=\"body\">"...)
	b = siteAppendSections(b, e, "h4")
	b = append(b, "\n<p class=\"permalink\"><a href=\""...)
	b = siteURL(b, siteEntryPath(e))
	b = append(b, `" data-url="`...)
	b = siteURL(b, siteEntryURL(base, e))
	b = append(b, `">Page of `...)
	b = siteText(b, e.Code)
	b = append(b, `</a><span> · <a href="#e-`...)
	b = siteFragment(b, e.ID)
	return append(b, "\">Link here</a></span></p>\n</div>\n</details>\n</article>"...)
}

// siteAppendHead appends an entry's heading's content: its code and title.
func siteAppendHead(b []byte, e *entry.Entry) []byte {
	b = siteTag(b, `<code class="code">`, e.Code, "</code>")
	return siteTag(b, ` <span class="title">`, e.Title, "</span>")
}

// siteAppendMeta appends an entry's severity badge and platforms.
func siteAppendMeta(b []byte, e *entry.Entry) []byte {
	b = append(b, "\n<span class=\"meta\">\n<span class=\"badge sev-"...)
	b = siteText(b, string(e.Severity))
	b = siteTag(b, `">`, severityLabel(e.Severity), "</span>")
	for _, p := range e.Platforms {
		b = siteTag(b, "\n<span class=\"platform\">", entry.PlatformLabel(p), "</span>")
	}
	return append(b, "\n</span>"...)
}

// siteAppendSections appends an entry's sections under headings h: h4
// under the main page's h3, h2 under the h1 of the entry's own page.
func siteAppendSections(b []byte, e *entry.Entry, h string) []byte {
	heading := func(b []byte, title string) []byte {
		b = append(b, "\n<"...)
		b = append(b, h...)
		b = append(b, '>')
		b = append(b, title...)
		b = append(b, "</"...)
		b = append(b, h...)
		return append(b, '>')
	}
	b = heading(b, "Displayed message")
	if vs := e.Message.Variants; len(vs) > 0 {
		b = append(b, "\n<ul class=\"messages\">"...)
		for _, v := range vs {
			b = siteTag(b, "\n<li><q>", v.Text, "</q>")
			if v.When != "" {
				b = siteTag(b, ` <span class="when">when `, v.When, "</span>")
			}
			b = append(b, "</li>"...)
		}
		b = append(b, "\n</ul>"...)
	} else {
		b = siteTag(b, "\n<p class=\"messages missing\">", MissingMessage, "</p>")
	}
	if gaps := e.Message.LocaleGaps; len(gaps) > 0 {
		b = append(b, "\n<p class=\"gaps\">Missing locale string:"...)
		for i, g := range gaps {
			if i > 0 {
				b = append(b, ',')
			}
			b = siteTag(b, " <code>", g.Locale, "</code>")
		}
		b = append(b, "</p>"...)
	}
	if len(e.Codes) > 1 { // one is the entry's own code, in its heading
		b = append(b, "\n<dl class=\"codes\">"...)
		for _, c := range e.Codes {
			b = siteTag(b, "\n<div><dt><code>", c.Code, "</code></dt><dd>")
			if c.Meaning != "" {
				b = siteText(b, c.Meaning)
			} else {
				b = append(b, "—"...)
			}
			b = append(b, "</dd></div>"...)
		}
		b = append(b, "\n</dl>"...)
	}
	b = heading(b, "Cause chain")
	b = append(b, "\n<ol class=\"chain\">"...)
	for _, n := range e.Chain {
		b = siteTag(b, "\n<li class=\"node st-", string(n.State), `"><span class="box">`)
		b = siteTag(b, `<span class="label">`, n.Label, "</span>")
		if n.Detail != "" {
			b = siteTag(b, `<span class="detail">`, n.Detail, "</span>")
		}
		b = siteTag(b, `</span><span class="visually-hidden"> (`, string(n.State), ")</span></li>")
	}
	b = append(b, "\n</ol>"...)
	b = heading(b, "Causes")
	b = append(b, "\n<ul class=\"causes\">"...)
	for _, c := range e.Causes {
		b = siteTag(b, "\n<li>", c, "</li>")
	}
	b = append(b, "\n</ul>"...)
	b = heading(b, "Resolution")
	b = append(b, "\n<ol class=\"steps\">"...)
	for _, step := range e.Resolution {
		b = append(b, "\n<li>"...)
		for j, p := range entry.StepParts(step) {
			if j%2 == 1 { // between backticks
				b = siteTag(b, "<code>", p, "</code>")
			} else {
				b = siteText(b, p)
			}
		}
		b = append(b, "</li>"...)
	}
	b = append(b, "\n</ol>"...)
	if n := e.Note; n != nil {
		b = append(b, "\n<aside class=\"note note-"...)
		b = siteText(b, string(n.Kind))
		b = append(b, `"><strong>`...)
		b = siteText(b, n.Lead())
		b = append(b, ":</strong> "...)
		b = siteText(b, n.Text)
		b = append(b, "</aside>"...)
	}
	return b
}

// siteRenderPage renders an entry's own page, site/e/<id>.html.
func siteRenderPage(b *Bundle, e *entry.Entry) ([]byte, error) {
	name := "site/" + siteEntryPath(e)
	if err := siteBaseURL(b); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	legend, err := siteLegend()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	// The stylesheet and script, and the rest (head, JSON-LD, the entry:
	// 5 KB, at most 6 KB, in the synthetic entries' pages): a buffer
	// grown from nothing would be copied several times per page.
	page, err := siteAppendPage(renderBuffer(len(siteCSS)+len(siteThemeJS)+8<<10), b.BaseURL, e, legend)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return page, nil
}

// siteAppendPage appends an entry's own page: the entry opened, with its
// own title, description, canonical URL and JSON-LD, for search engines
// and links in chat messages. base is a checked base URL (siteBaseURL).
func siteAppendPage(b []byte, base string, e *entry.Entry, legend template.HTML) ([]byte, error) {
	url, desc := siteEntryURL(base, e), siteEntryDescription(e)
	title := func(b []byte) []byte {
		b = siteText(b, e.Code)
		b = append(b, ": "...)
		b = siteText(b, e.Title)
		return append(b, " · Spotify error"...)
	}
	// html/template writes a value in a script as JSON, as json.Marshal
	// does: it escapes <, >, &, U+2028 and U+2029.
	ld, err := json.Marshal(ldArticle{
		Context:     "https://schema.org",
		Type:        "TechArticle",
		Headline:    "Spotify error " + e.Code + ": " + e.Title,
		Description: desc,
		URL:         url,
		InLanguage:  "en",
		IsPartOf:    ldRef{Type: "WebSite", Name: siteTitle, URL: base},
	})
	if err != nil {
		return nil, err
	}
	b = append(b, "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\""...)
	b = siteText(b, siteEntryCSP())
	b = append(b, "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<title>"...)
	b = title(b)
	b = append(b, "</title>\n<meta name=\"description\" content=\""...)
	b = siteText(b, desc)
	b = append(b, "\">\n<link rel=\"canonical\" href=\""...)
	b = siteURL(b, url)
	b = append(b, "\">\n<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\""...)
	b = title(b)
	b = append(b, "\">\n<meta property=\"og:description\" content=\""...)
	b = siteText(b, desc)
	// A meta element's content is no URL attribute: html/template only
	// escapes it.
	b = append(b, "\">\n<meta property=\"og:url\" content=\""...)
	b = siteText(b, url)
	b = append(b, "\">\n<meta name=\"twitter:card\" content=\"summary\">\n<script>"...)
	b = append(b, siteThemeJS...)
	b = append(b, "</script>\n<style>"...)
	b = append(b, siteCSS...)
	b = append(b, "</style>\n<script type=\"application/ld+json\">"...)
	b = append(b, ld...)
	b = append(b, "</script>\n</head>\n<body class=\"page\">\n<header class=\"top\">\n<div class=\"wrap\">\n<p class=\"crumb\"><a href=\"../index.html\">Spotify Desktop Error Reference</a></p>\n</div>\n</header>\n<main class=\"wrap\">\n<article class=\"entry\" id=\"e-"...)
	b = siteText(b, e.ID)
	b = append(b, `" data-severity="`...)
	b = siteText(b, string(e.Severity))
	b = append(b, "\">\n<div class=\"entry-head\">\n<h1 class=\"head\">"...)
	b = siteAppendHead(b, e)
	b = append(b, "</h1>\n"...)
	b = siteAppendMeta(b, e)
	b = append(b, "\n</div>\n<div class=\"body\">"...)
	b = siteAppendSections(b, e, "h2")
	b = append(b, '\n')
	b = append(b, legend...)
	b = append(b, "\n</div>\n</article>\n<p class=\"permalink\"><a href=\"../index.html#e-"...)
	b = siteFragment(b, e.ID)
	b = append(b, `" data-url="`...)
	b = siteURL(b, base)
	b = append(b, "#e-"...)
	b = siteFragment(b, e.ID)
	b = append(b, `">`...)
	b = siteText(b, e.Code)
	b = append(b, " in the full reference</a><span> · <a href=\"../llms-full.txt\">plain text</a></span></p>\n</main>\n<footer class=\"wrap foot\">\n<p>Unofficial community reference based on observed client behavior and user-reported reproduction cases. Not affiliated with or endorsed by Spotify AB.</p>\n</footer>\n</body>\n</html>\n"...)
	return b, nil
}
