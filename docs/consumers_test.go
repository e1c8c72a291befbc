// Package docs_test runs the examples of docs/consumers.md.
package docs_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/errref/errref/exporters"
	"github.com/errref/errref/internal/tooltest"
	"github.com/errref/errref/loader/loadertest"
)

type example struct {
	lang, code, output string
	line               int
}

// examples are the fenced blocks of a Markdown file that are followed by a
// ```text block: the output they print.
func examples(t *testing.T, path string) []example {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type block struct {
		lang, body string
		line       int
	}
	var blocks []block
	var cur *block
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &block{lang: strings.TrimPrefix(line, "```"), line: i + 1}
		case cur != nil && line == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.body += line + "\n"
		}
	}
	var out []example
	for i := 0; i+1 < len(blocks); i++ {
		if blocks[i].lang != "text" && blocks[i+1].lang == "text" {
			out = append(out, example{blocks[i].lang, blocks[i].body, blocks[i+1].body, blocks[i].line})
		}
	}
	return out
}

// TestConsumerExamples runs every example of docs/consumers.md in a fresh
// build of the seed entries and compares what it prints with the output
// the page shows. An example whose tools are missing is skipped, except
// under CI=true (.ci/run installs python3, node with Ajv, jq, sqlite3).
func TestConsumerExamples(t *testing.T) {
	exs := examples(t, "consumers.md")
	langs := map[string]bool{}
	for _, ex := range exs {
		langs[ex.lang] = true
	}
	if !langs["python"] || !langs["js"] || !langs["sh"] {
		t.Fatalf("examples in %v; want python, js and sh", langs)
	}

	b, err := exporters.NewBundle(loadertest.Load(t, filepath.Join("..", "testdata", "seed")).Entries())
	if err != nil {
		t.Fatal(err)
	}
	b.DataVersion = "v1.0.0"
	dir := filepath.Join(t.TempDir(), "bundle")
	if err := exporters.Write(b, exporters.All, dir); err != nil {
		t.Fatal(err)
	}

	for _, ex := range exs {
		t.Run(fmt.Sprintf("%s@%d", ex.lang, ex.line), func(t *testing.T) {
			var cmd *exec.Cmd
			switch ex.lang {
			case "python":
				tooltest.Program(t, "python3")
				cmd = exec.Command("python3", "-c", ex.code)
			case "js":
				os.Getenv("NODE_PATH") // where Ajv is: read here so that go test's cache keys on it
				tooltest.Program(t, "node")
				if exec.Command("node", "-e", `require.resolve("ajv/dist/2020"); require.resolve("ajv-formats")`).Run() != nil {
					tooltest.Missing(t, "ajv and ajv-formats (npm install into a folder that NODE_PATH names)")
				}
				cmd = exec.Command("node", "-e", ex.code)
			case "sh":
				tooltest.Program(t, strings.Fields(ex.code)[0])
				cmd = exec.Command("sh", "-c", ex.code)
			default:
				t.Fatalf("line %d: no runner for %q", ex.line, ex.lang)
			}
			cmd.Dir = dir
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("consumers.md:%d: %v\n%s", ex.line, err, out)
			}
			if diff := cmp.Diff(ex.output, string(out)); diff != "" {
				t.Errorf("consumers.md:%d prints other than it shows (-shown +printed):\n%s", ex.line, diff)
			}
		})
	}
}
