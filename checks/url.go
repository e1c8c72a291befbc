package checks

import (
	"net/url"
	"regexp"
	"strings"
	"unicode"

	"github.com/errref/errref/diag"
)

var (
	urlPattern = regexp.MustCompile(`(?i)\bhttps?:[^\s` + "`" + `"'<>()]*`)
	badScheme  = regexp.MustCompile(`(?i)\bhttps?(?://?[^/\s]|//)`)
)

// URL reports malformed and plain-http URLs.
var URL = &Rule{
	Name: "url",
	Doc: `URLs are well-formed https URLs

Readers copy these links, and exporters turn them into anchors; a broken
one sends users nowhere, a http one through the clear.

- A malformed URL: "http//", "https:/x", or a http(s) URL without a valid
  host.
- A http:// URL: want https.`,
	Level:    diag.Error,
	PerEntry: true,
	Run: func(pass *Pass) {
		for _, f := range pass.Files {
			for _, t := range pass.prose(f.Entry) {
				v := t.Value
				if !containsFold(v, "http") {
					continue
				}
				if loc := badScheme.FindStringIndex(v); loc != nil {
					start := strings.LastIndexFunc(v[:loc[0]], unicode.IsSpace) + 1
					end := len(v)
					if i := strings.IndexFunc(v[loc[0]:], unicode.IsSpace); i >= 0 {
						end = loc[0] + i
					}
					pass.Report(f, t.Ptr, "%s: found malformed URL %s; want \"https://\" before the host", t.Field, quote(v[start:end]))
				}
				for _, raw := range urlPattern.FindAllString(v, -1) {
					raw = strings.TrimRight(raw, ".,;:!?")
					u, err := url.Parse(raw)
					if err != nil || u.Host == "" || !validHost(u.Hostname()) {
						pass.Report(f, t.Ptr, "%s: found malformed URL %s; want scheme://host/path with a valid host", t.Field, quote(raw))
						continue
					}
					if strings.EqualFold(u.Scheme, "http") {
						pass.Report(f, t.Ptr, "%s: found %s; want https", t.Field, quote(raw))
					}
				}
			}
		}
	},
}
