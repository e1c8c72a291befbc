package exporters_test

import (
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/entry"
	"github.com/errref/errref/exporters"
)

func TestMarkdownGolden(t *testing.T) {
	got := render(t, exporters.Markdown, loadFixture(t))["errors.md"]
	golden(t, "errors.md", got)
}

// TestMarkdownTime: a build time adds one line and changes nothing else.
func TestMarkdownTime(t *testing.T) {
	b := loadFixture(t)
	without, err := exporters.MarkdownDoc(b)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(without, "Built:") {
		t.Error("a bundle without a time has a Built line")
	}
	b.Time = time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))
	with, err := exporters.MarkdownDoc(b)
	if err != nil {
		t.Fatal(err)
	}
	const line = "- Built: 2026-01-02T02:04:05Z\n"
	if !strings.Contains(with, line) {
		t.Errorf("no %q line", line)
	}
	if diff := cmp.Diff(without, strings.Replace(with, line, "", 1)); diff != "" {
		t.Errorf("the time changed more than its line (-without +with):\n%s", diff)
	}
}

var (
	mdAnchor  = regexp.MustCompile(`(?m)^<a id="([^"]+)"></a>$`)
	mdLinkTo  = regexp.MustCompile(`\]\(<#([^>]+)>\)`)
	mdHeading = regexp.MustCompile(`(?m)^(#{1,6}) `)
)

// TestMarkdownStructure checks the document the live entries give: one
// anchor and one heading per entry and group in reference order, every
// internal link resolves, and the summary table has three cells a row.
func TestMarkdownStructure(t *testing.T) {
	b := loadRepo(t)
	doc, err := exporters.MarkdownDoc(b)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	want = append(want, "summary")
	for _, g := range exporters.Groups(b.Entries) {
		want = append(want, "g-"+string(g.Category))
		for _, e := range g.Entries {
			want = append(want, "e-"+e.ID)
		}
	}
	var got []string
	for _, m := range mdAnchor.FindAllStringSubmatch(doc, -1) {
		got = append(got, m[1])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("anchors (-want +got):\n%s", diff)
	}
	for _, m := range mdLinkTo.FindAllStringSubmatch(doc, -1) {
		if !strings.Contains(doc, `<a id="`+m[1]+`"></a>`) {
			t.Errorf("link to #%s has no anchor", m[1])
		}
	}
	if n, w := len(mdLinkTo.FindAllString(doc, -1)), 2*len(b.Entries)+len(exporters.Groups(b.Entries))+1; n != w {
		t.Errorf("%d internal links, want %d (TOC, summary)", n, w)
	}
	levels := map[string]int{}
	for _, m := range mdHeading.FindAllStringSubmatch(doc, -1) {
		levels[m[1]]++
	}
	if w := map[string]int{"#": 1, "##": 2 + len(exporters.Groups(b.Entries)), "###": len(b.Entries)}; !cmp.Equal(w, levels) {
		t.Errorf("headings by level = %v, want %v", levels, w)
	}
	_, table, _ := strings.Cut(doc, "| Code | Title | Severity |\n| --- | --- | --- |\n")
	table, _, _ = strings.Cut(table, "\n\n")
	rows := strings.Split(table, "\n")
	if len(rows) != len(b.Entries) {
		t.Errorf("summary has %d rows, want %d", len(rows), len(b.Entries))
	}
	for _, r := range rows {
		if n := len(unescapedPipe.FindAllString(r, -1)); n != 4 {
			t.Errorf("summary row has %d unescaped pipes, want 4: %s", n, r)
		}
	}
	if !utf8.ValidString(doc) {
		t.Error("errors.md is not valid UTF-8")
	}
}

// unescapedPipe is a | after an even run of backslashes.
var unescapedPipe = regexp.MustCompile(`(^|[^\\])(\\\\)*\|`)

func TestMarkdownRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(e *entry.Entry)
		want string
	}{
		{"title", func(e *entry.Entry) { e.Title = "a\n# b" }, "entry test-1: line break in title"},
		{"step", func(e *entry.Entry) { e.Resolution[1] = "a\rb" }, "entry test-1: line break in resolution[1]"},
		{"id", func(e *entry.Entry) { e.ID = `x"><script>` }, `is not a slug`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := loadFixture(t)
			tc.edit(b.Entries[len(b.Entries)-1])
			if _, err := exporters.MarkdownDoc(b); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one containing %q", err, tc.want)
			}
			if _, err := exporters.Markdown.Export(b); err == nil || !strings.HasPrefix(err.Error(), "errors.md: ") {
				t.Errorf("Export err = %v, want one naming errors.md", err)
			}
		})
	}
}

func TestMarkdownText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text, (parens) and 'quotes'!", "plain text, (parens) and 'quotes'!"},
		{"# not a heading", `\# not a heading`},
		{"a | b", `a \| b`},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"&amp; &#60;", `\&amp; \&\#60;`},
		{"*not* _md_ ~~x~~ $x$", `\*not\* \_md\_ \~\~x\~\~ \$x\$`},
		{"EME_NO_KEY a_ _b a__b _a_b_", `EME_NO_KEY a\_ \_b a\_\_b \_a_b\_`},
		{"[link](javascript:x) ![i](y)", `\[link\](javascript:x) !\[i\](y)`},
		{"`code` \\ end\\", "\\`code\\` \\\\ end\\\\"},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"= underline", `\= underline`},
		{"  - indented", `  \- indented`},
		{"a - b + c = d", "a - b + c = d"},
		{"1. first", `1\. first`},
		{"12) twelfth", `12\) twelfth`},
		{"1.5 GB", `1\.5 GB`},
		{"v1. x", "v1. x"},
		{"> quote", `\> quote`},
		{"accounts:53–55 → é", "accounts:53–55 → é"},
		{"", ""},
	} {
		got := exporters.MarkdownText(tc.in)
		if got != tc.want {
			t.Errorf("MarkdownText(%q) = %q, want %q", tc.in, got, tc.want)
		}
		checkMarkdownText(t, tc.in, got)
	}
}

func TestCodeSpan(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"a", "`a`"},
		{`C:\Program Files\x | y`, "`C:\\Program Files\\x | y`"},
		{"<script>", "`<script>`"},
		{"a`b", "``a`b``"},
		{"a``b`", "``` a``b` ```"},
		{"`a", "`` `a ``"},
		{" a ", "`  a  `"},
		{" a", "` a`"},
		{"  ", "`  `"},
	} {
		got := exporters.CodeSpan(tc.in)
		if got != tc.want {
			t.Errorf("CodeSpan(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if tc.in != "" {
			checkCodeSpan(t, tc.in, got)
		}
	}
}

func TestMarkdownStep(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Restart Spotify", "Restart Spotify"},
		{"Delete `%appdata%\\Spotify` and restart", "Delete `%appdata%\\Spotify` and restart"},
		{"Run `del C:\\x | y` then *reboot*", "Run `del C:\\x | y` then \\*reboot\\*"},
		{"`cmd` first", "`cmd` first"},
		{"- `a``b`", "\\- `a` `b`"},
		{"1. see `x", "1\\. see `x`"},
		{"empty `` here", "empty  here"},
		{"  spaced  ", "spaced"},
	} {
		if got := exporters.MarkdownStep(tc.in); got != tc.want {
			t.Errorf("MarkdownStep(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// FuzzMarkdownText: escaped text has no unescaped markup character, cannot
// open a block, and gives the input back when unescaped. Line breaks are
// outside the domain (the schema and the exporter refuse them).
func FuzzMarkdownText(f *testing.F) {
	for _, s := range []string{
		"", "# h", "- a", "+ b", "= c", "1. d", "99) e", "  - f", "a | b", "<b>&amp;</b>",
		"`x`", "\\", "*_~$[]()!", "=cmd|' /C calc'!A0", "\x00", "é →", "\xff#",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "\r\n") {
			t.Skip("line breaks are refused before escaping")
		}
		checkMarkdownText(t, s, exporters.MarkdownText(s))
	})
}

// FuzzCodeSpan: a code span parses back, by CommonMark's rules, to its code.
func FuzzCodeSpan(f *testing.F) {
	for _, s := range []string{"a", "`", "``", "a`b", " `a` ", "  ", " a ", "x```y``"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || strings.ContainsAny(s, "\r\n") {
			t.Skip()
		}
		checkCodeSpan(t, s, exporters.CodeSpan(s))
	})
}

// mdSpecial must never appear unescaped in escaped text.
const mdSpecial = "`*_[]<>#|~&$"

func checkMarkdownText(t *testing.T, in, out string) {
	t.Helper()
	var back strings.Builder
	for i := 0; i < len(out); i++ {
		c := out[i]
		if c == '\\' {
			if i+1 == len(out) || !isASCIIPunct(out[i+1]) {
				t.Fatalf("%q: backslash at %d escapes nothing, so it would show", out, i)
			}
			back.WriteByte(out[i+1])
			i++
			continue
		}
		if c == '_' && i > 0 && i+1 < len(out) && isAlnumByte(out[i-1]) && isAlnumByte(out[i+1]) {
			back.WriteByte(c) // intraword: cannot open or close emphasis
			continue
		}
		if strings.IndexByte(mdSpecial, c) >= 0 {
			t.Fatalf("%q: unescaped %q at %d", out, c, i)
		}
		back.WriteByte(c)
	}
	if back.String() != in {
		t.Fatalf("unescaped %q = %q, want the input %q", out, back.String(), in)
	}
	start := strings.TrimLeft(out, " ")
	if start != "" && strings.IndexByte("-+=", start[0]) >= 0 {
		t.Fatalf("%q opens a list or underline", out)
	}
	if regexp.MustCompile(`^[0-9]+[.)]`).MatchString(start) {
		t.Fatalf("%q opens an ordered list", out)
	}
}

func checkCodeSpan(t *testing.T, code, span string) {
	t.Helper()
	n := len(span) - len(strings.TrimLeft(span, "`"))
	if n == 0 || len(span) < 2*n || strings.Repeat("`", n) != span[len(span)-n:] {
		t.Fatalf("CodeSpan(%q) = %q: no matching fences", code, span)
	}
	inner := span[n : len(span)-n]
	for _, run := range regexp.MustCompile("`+").FindAllString(inner, -1) {
		if len(run) == n {
			t.Fatalf("CodeSpan(%q) = %q: a run inside closes the span early", code, span)
		}
	}
	if strings.HasPrefix(inner, "`") || strings.HasSuffix(inner, "`") {
		t.Fatalf("CodeSpan(%q) = %q: a backtick touches the fence", code, span)
	}
	if len(inner) >= 2 && inner[0] == ' ' && inner[len(inner)-1] == ' ' && strings.Trim(inner, " ") != "" {
		inner = inner[1 : len(inner)-1]
	}
	if inner != code {
		t.Fatalf("CodeSpan(%q) = %q parses back to %q", code, span, inner)
	}
}

func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

func isAlnumByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
