package exporters_test

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/chrome"
)

// siteScreenshot also saves the browser test's screenshot to a file:
// go test ./exporters -run TestSiteInBrowser -site-screenshot=../docs/site.png
var siteScreenshot = flag.String("site-screenshot", "", "also write the site browser test's screenshot to this PNG `file`")

// siteChromium finds Chrome or Chromium ($CHROME, then known names).
// Without one the test is skipped on a developer machine but fails in CI,
// where .ci/run installs Chromium and GitHub's runners have Chrome.
func siteChromium(t *testing.T) string {
	t.Helper()
	p, err := chrome.Find(os.Getenv)
	if err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true: %v", err)
	}
	t.Skipf("%v; the browser test needs one", err)
	return ""
}

// siteSearchText is what the page searches in, one field per line: the same
// rule as site.js, written again here so that the test checks the script.
func siteSearchText(e *entry.Entry) string {
	parts := []string{e.Code, e.Title}
	for _, c := range e.Codes {
		parts = append(parts, c.Code)
	}
	for _, v := range e.Message.Variants {
		parts = append(parts, v.Text)
	}
	parts = append(parts, e.Causes...)
	for _, s := range e.Resolution {
		parts = append(parts, strings.ReplaceAll(s, "`", ""))
	}
	if e.Note != nil {
		parts = append(parts, e.Note.Title, e.Note.Text)
	}
	return strings.ToLower(strings.Join(parts, "\n"))
}

// siteExpectVisible lists, in page order (grouped by area), the anchors of
// the entries that match every term of q and pass keep.
func siteExpectVisible(b *exporters.Bundle, q string, keep func(*entry.Entry) bool) []string {
	terms := strings.Fields(strings.ToLower(q))
	ids := []string{}
	for _, g := range exporters.Groups(b.Entries) {
		for _, e := range g.Entries {
			hay := siteSearchText(e)
			if keep(e) && !slices.ContainsFunc(terms, func(t string) bool { return !strings.Contains(hay, t) }) {
				ids = append(ids, "e-"+e.ID)
			}
		}
	}
	return ids
}

func siteAll(*entry.Entry) bool { return true }

// The page's state, as the browser sees it.
const siteVisibleJS = `[...document.querySelectorAll("article.entry")].filter(a => a.offsetParent !== null).map(a => a.id)`
const siteStatusJS = `document.getElementById("status").textContent`

func siteWantStatus(b *exporters.Bundle, shown int) string {
	if shown == len(b.Entries) {
		return fmt.Sprintf("%d error codes documented", shown)
	}
	return fmt.Sprintf("%d of %d shown", shown, len(b.Entries))
}

// TestSiteInBrowser loads the site built from the real entries in
// headless Chromium from file://, types into search, follows a deep
// link, and checks that the page requested nothing but its own file.
func TestSiteInBrowser(t *testing.T) {
	bin := siteChromium(t)
	b := loadRepo(t)
	dir := export(t, exporters.Site, b)
	page := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dir, "site", "index.html"))}).String()
	netLog := filepath.Join(t.TempDir(), "netlog.json")
	start := time.Now()
	br := cdpStart(t, bin, netLog)
	t.Logf("chromium started in %v", time.Since(start))
	br.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}, nil)

	br.navigate(page)
	var got []string
	br.eval(siteVisibleJS, &got)
	if diff := cmp.Diff(siteExpectVisible(b, "", siteAll), got); diff != "" {
		t.Errorf("on load, visible entries differ (-want +got):\n%s", diff)
	}

	t.Run("search", func(t *testing.T) {
		prev := ""
		for _, q := range []string{"firewall", "FIREWALL", "proxy 407", "accounts:4", "%appdata%", "no-such-error-anywhere"} {
			br.eval(`document.activeElement && document.activeElement.blur(), true`, nil)
			br.key("/", "Slash", 191, "/") // focuses search instead of typing
			var focus string
			br.eval(`document.activeElement.id + "|" + document.getElementById("q").value`, &focus)
			if focus != "q|"+prev {
				t.Fatalf("after /, focus|value is %q, want %q: the search box, no / typed", focus, "q|"+prev)
			}
			prev = q
			br.key("Escape", "Escape", 27, "") // clears it
			br.eval(`document.getElementById("q").value`, &focus)
			if focus != "" {
				t.Fatalf("after Esc, search holds %q", focus)
			}
			br.call("Input.insertText", map[string]any{"text": q}, nil)
			qJSON, _ := json.Marshal(q)
			br.waitFor(`document.getElementById("q").value === ` + string(qJSON))

			want := siteExpectVisible(b, q, siteAll)
			var got []string
			br.eval(siteVisibleJS, &got)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("search %q: visible entries differ (-want +got):\n%s", q, diff)
			}
			var status string
			br.eval(siteStatusJS, &status)
			if w := siteWantStatus(b, len(want)); status != w {
				t.Errorf("search %q: status %q, want %q", q, status, w)
			}
			var emptyShown bool
			br.eval(`document.getElementById("empty").offsetParent !== null`, &emptyShown)
			if emptyShown != (len(want) == 0) {
				t.Errorf("search %q: %q shown = %v with %d results", q, "No matching errors.", emptyShown, len(want))
			}
		}
		if slices.Equal(siteExpectVisible(b, "firewall", siteAll), siteExpectVisible(b, "", siteAll)) || len(siteExpectVisible(b, "firewall", siteAll)) == 0 {
			t.Fatal("the search cases no longer tell matching from not matching; pick other queries")
		}
	})

	t.Run("highlight", func(t *testing.T) {
		br.eval(`(q => { q.value = "proxy"; q.dispatchEvent(new Event("input")); })(document.getElementById("q"))`, nil)
		want := 0
		for _, e := range b.Entries {
			if strings.Contains(siteSearchText(e), "proxy") {
				want += strings.Count(strings.ToLower(e.Code), "proxy") + strings.Count(strings.ToLower(e.Title), "proxy")
			}
		}
		var marks []string
		br.eval(`[...document.querySelectorAll("article.entry:not([hidden]) :is(.code, .title) mark")].map(m => m.textContent.toLowerCase())`, &marks)
		if len(marks) != want || want == 0 || slices.ContainsFunc(marks, func(m string) bool { return m != "proxy" }) {
			t.Errorf("highlights %q, want %d × %q", marks, want, "proxy")
		}
		var titles []string // highlighting must not change the text
		br.eval(`[...document.querySelectorAll("article.entry .title")].map(s => s.textContent)`, &titles)
		var wantTitles []string
		for _, g := range exporters.Groups(b.Entries) {
			for _, e := range g.Entries {
				wantTitles = append(wantTitles, e.Title)
			}
		}
		if diff := cmp.Diff(wantTitles, titles); diff != "" {
			t.Errorf("titles changed by highlighting (-want +got):\n%s", diff)
		}
	})

	t.Run("filters", func(t *testing.T) {
		br.eval(`(q => { q.value = ""; q.dispatchEvent(new Event("input")); })(document.getElementById("q"))`, nil)
		br.eval(`document.querySelector('.chip[data-cat="network"]').click()`, nil)
		want := siteExpectVisible(b, "", func(e *entry.Entry) bool { return slices.Contains(e.Categories, "network") })
		var got []string
		br.eval(siteVisibleJS, &got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("category network: visible entries differ (-want +got):\n%s", diff)
		}
		var count string
		br.eval(`document.querySelector('.chip[data-cat="network"] .n').textContent`, &count)
		if count != fmt.Sprint(len(want)) {
			t.Errorf("network chip counts %s, want %d", count, len(want))
		}

		br.eval(`(s => { s.value = "fatal"; s.dispatchEvent(new Event("change")); })(document.getElementById("severity"))`, nil)
		want = siteExpectVisible(b, "", func(e *entry.Entry) bool {
			return slices.Contains(e.Categories, "network") && e.Severity == entry.Fatal
		})
		br.eval(siteVisibleJS, &got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("network and fatal: visible entries differ (-want +got):\n%s", diff)
		}

		// Back to everything, grouped by severity: worst first.
		br.eval(`document.querySelector('.chip[data-cat=""]').click()`, nil)
		br.eval(`(s => { s.value = ""; s.dispatchEvent(new Event("change")); })(document.getElementById("severity"))`, nil)
		br.eval(`(s => { s.value = "severity"; s.dispatchEvent(new Event("change")); })(document.getElementById("grouping"))`, nil)
		want = nil // worst first, each in reference order
		for _, s := range slices.Backward(entry.Severities) {
			for _, e := range b.Entries {
				if e.Severity == s {
					want = append(want, "e-"+e.ID)
				}
			}
		}
		br.eval(siteVisibleJS, &got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("grouped by severity, order differs (-want +got):\n%s", diff)
		}
		var heads []string
		br.eval(`[...document.querySelectorAll("section.group:not([hidden]) > h2")].map(h => h.textContent)`, &heads)
		if heads[0] != "Fatal" {
			t.Errorf("grouped by severity, headings %q, want Fatal first", heads)
		}
	})

	t.Run("query parameter", func(t *testing.T) {
		br.navigate(page + "?q=firewall")
		var got []string
		br.eval(siteVisibleJS, &got)
		if diff := cmp.Diff(siteExpectVisible(b, "firewall", siteAll), got); diff != "" {
			t.Errorf("?q=firewall: visible entries differ (-want +got):\n%s", diff)
		}
	})

	t.Run("deep link", func(t *testing.T) {
		br.navigate(page + "#e-accounts-417")
		var st struct {
			Open     []string
			Top      float64
			Height   float64
			Visible  bool
			Controls float64
		}
		br.eval(`(() => {
			const a = document.getElementById("e-accounts-417");
			return {
				open: [...document.querySelectorAll("article.entry details[open]")].map(d => d.parentNode.id),
				top: a.getBoundingClientRect().top,
				height: innerHeight,
				visible: a.offsetParent !== null,
				controls: document.getElementById("controls").getBoundingClientRect().bottom,
			};
		})()`, &st)
		if !slices.Equal(st.Open, []string{"e-accounts-417"}) || !st.Visible {
			t.Errorf("#e-accounts-417: open entries %q (visible %v), want only e-accounts-417", st.Open, st.Visible)
		}
		if st.Top < st.Controls-1 || st.Top >= st.Height/2 {
			t.Errorf("#e-accounts-417 is at y=%v (sticky controls end at %v, viewport %v): not scrolled into view", st.Top, st.Controls, st.Height)
		}

		// Opening another entry makes the address point at it.
		br.eval(`document.querySelector("#e-auth-73 summary").click()`, nil)
		br.waitFor(`location.hash === "#e-auth-73"`)
	})

	t.Run("hostile fixture", func(t *testing.T) {
		fb := loadFixture(t)
		hostile := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(export(t, exporters.Site, fb), "site", "index.html"))}).String()
		br.navigate(hostile + "#e-test-1")
		i := slices.IndexFunc(fb.Entries, func(e *entry.Entry) bool { return e.ID == "test-1" })
		e := fb.Entries[i]
		var st struct {
			Title, Label string
			Causes       []string
			Elements     int
		}
		br.eval(`(() => {
			const a = document.getElementById("e-test-1");
			return {
				title: a.querySelector(".title").textContent,
				label: a.querySelector(".chain .label").textContent,
				causes: [...a.querySelectorAll(".causes li")].map(li => li.textContent),
				elements: document.querySelectorAll("main img, main script, main b, main a[href^='javascript']").length,
			};
		})()`, &st)
		if st.Title != e.Title || st.Label != e.Chain[0].Label || !slices.Equal(st.Causes, e.Causes) || st.Elements != 0 {
			t.Errorf("test-1 shows %+v; want its text as text, and no element made from it", st)
		}
		// Searching for markup finds it as text and highlights it.
		br.eval(`(q => { q.value = "<script>"; q.dispatchEvent(new Event("input")); })(document.getElementById("q"))`, nil)
		var got, marks []string
		br.eval(siteVisibleJS, &got)
		br.eval(`[...document.querySelectorAll("article.entry:not([hidden]) .title mark")].map(m => m.textContent)`, &marks)
		if diff := cmp.Diff(siteExpectVisible(fb, "<script>", siteAll), got); diff != "" || !slices.Equal(marks, []string{"<script>"}) {
			t.Errorf("search <script>: visible %q, marks %q (-want +got):\n%s", got, marks, diff)
		}
	})

	t.Run("themes", func(t *testing.T) {
		bg := `getComputedStyle(document.body).backgroundColor`
		var light, dark, toggled, remembered string
		br.call("Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": "light"}}}, nil)
		br.navigate(page)
		br.eval(`localStorage.clear()`, nil)
		br.navigate(page)
		br.eval(bg, &light)
		br.call("Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{{"name": "prefers-color-scheme", "value": "dark"}}}, nil)
		br.eval(bg, &dark)
		if light == dark {
			t.Fatalf("the page has the same background (%s) in light and dark mode", light)
		}
		br.eval(`document.getElementById("theme").click()`, nil) // dark → light
		br.eval(bg, &toggled)
		br.navigate(page) // the choice outlives the page
		br.eval(bg, &remembered)
		br.eval(`localStorage.clear()`, nil)
		br.call("Emulation.setEmulatedMedia", map[string]any{"features": []map[string]string{}}, nil)
		if toggled != light || remembered != light {
			t.Errorf("after the toggle in dark mode the background is %s, after reload %s; want light %s", toggled, remembered, light)
		}
	})

	t.Run("narrow screen", func(t *testing.T) {
		br.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": 360, "height": 740, "deviceScaleFactor": 2, "mobile": true}, nil)
		defer br.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}, nil)
		br.navigate(page + "#e-http-401-invalid-client")
		var w struct{ Scroll, Inner float64 }
		br.eval(`({scroll: document.documentElement.scrollWidth, inner: innerWidth})`, &w)
		if w.Scroll > w.Inner {
			t.Errorf("at %vpx wide the page scrolls sideways (%vpx)", w.Inner, w.Scroll)
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		br.call("Emulation.setScriptExecutionDisabled", map[string]any{"value": true}, nil)
		defer br.call("Emulation.setScriptExecutionDisabled", map[string]any{"value": false}, nil)
		br.call("Page.navigate", map[string]any{"url": page + "?q=firewall"}, nil)
		// Runtime.evaluate still works with page scripts off.
		br.waitFor(`location.search === "?q=firewall" && document.readyState === "complete"`)
		var st struct {
			Visible  []string
			Controls bool
			Links    []string
		}
		br.eval(`({
			visible: [...document.querySelectorAll("article.entry")].filter(a => a.offsetParent !== null).map(a => a.id),
			controls: document.getElementById("controls").offsetParent !== null,
			links: [...document.querySelectorAll("noscript a")].filter(a => a.offsetParent !== null).map(a => a.getAttribute("href")),
		})`, &st)
		if diff := cmp.Diff(siteExpectVisible(b, "", siteAll), st.Visible); diff != "" {
			t.Errorf("without JavaScript, the list differs (-want +got):\n%s", diff)
		}
		if st.Controls {
			t.Error("without JavaScript, the search controls that cannot work are shown")
		}
		if !slices.Equal(st.Links, []string{"llms.txt", "llms-full.txt"}) {
			t.Errorf("the <noscript> note shows links %q, want the llms files", st.Links)
		}
	})

	t.Run("screenshot", func(t *testing.T) {
		// A search, with the first result open: code spans, fragile and
		// critical nodes.
		br.call("Emulation.setDeviceMetricsOverride", map[string]any{"width": 1280, "height": 1200, "deviceScaleFactor": 1, "mobile": false}, nil)
		br.navigate(page + "?q=proxy")
		br.eval(`document.querySelector("#e-auth-3 summary").click(), scrollTo(0, 0)`, nil)
		br.waitFor(`document.querySelector("#e-auth-3 details").open`)
		var shot struct{ Data string }
		br.call("Page.captureScreenshot", map[string]any{"format": "png"}, &shot)
		png, err := base64.StdEncoding.DecodeString(shot.Data)
		if err != nil || !strings.HasPrefix(string(png), "\x89PNG") {
			t.Fatalf("screenshot is not a PNG (%v)", err)
		}
		out := filepath.Join(t.TempDir(), "site.png")
		if *siteScreenshot != "" {
			out = *siteScreenshot
		}
		if err := os.WriteFile(out, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s (%d bytes)", out, len(png))
	})

	requests, problems := br.snapshot()
	start = time.Now()
	br.close() // flushes the net log
	t.Logf("chromium closed in %v", time.Since(start))
	if len(problems) > 0 {
		t.Errorf("the page reported problems:\n%s", strings.Join(problems, "\n"))
	}
	if !slices.ContainsFunc(requests, func(u string) bool { return strings.HasPrefix(u, page) }) {
		t.Errorf("requests %q do not include the page itself: is the request log working?", requests)
	}
	for _, u := range requests {
		if !strings.HasPrefix(u, "file://") {
			t.Errorf("the page requested %s", u)
		}
	}
	for _, u := range siteNetLogURLs(t, netLog) {
		t.Errorf("the net log has a request from the page to %s", u)
	}
}

// siteNetLogURLs lists the URLs of the requests in Chromium's net log
// that a document initiated. The network stack logs every request that
// would leave the machine; the browser's own background requests (update
// checks, network time) carry no initiator and are left out: they are
// Chromium's, not the page's.
func siteNetLogURLs(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("net log: %v", err)
	}
	var log struct {
		Constants struct {
			LogEventTypes map[string]int `json:"logEventTypes"`
		} `json:"constants"`
		Events []struct {
			Type   int `json:"type"`
			Params struct {
				URL       string `json:"url"`
				Initiator string `json:"initiator"`
			} `json:"params"`
		} `json:"events"`
	}
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatalf("net log %s: %v", path, err)
	}
	start, ok := log.Constants.LogEventTypes["URL_REQUEST_START_JOB"]
	if !ok || len(log.Events) == 0 {
		t.Fatalf("net log %s has no URL_REQUEST_START_JOB type or no events: not a net log?", path)
	}
	var urls []string
	for _, e := range log.Events {
		if e.Type == start && e.Params.Initiator != "" && e.Params.Initiator != "not an origin" {
			urls = append(urls, e.Params.URL)
		}
	}
	return urls
}
