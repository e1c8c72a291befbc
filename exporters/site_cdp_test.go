package exporters_test

// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe:
// Chromium reads commands from its fd 3 and writes replies and events to
// its fd 4, each a JSON object ended by a NUL byte. That is all the
// browser test needs, with no module and no package manager beyond apt.

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// cdpBrowser is one headless Chromium and the page the test drives.
type cdpBrowser struct {
	t       *testing.T
	cmd     *exec.Cmd
	w       io.WriteCloser
	session string // the page's flat session id

	mu       sync.Mutex
	nextID   int
	pending  map[int]chan cdpMsg
	requests []string // every URL the page asked for
	problems []string // script exceptions and console errors
	done     chan struct{}
}

type cdpMsg struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *cdpError       `json:"error,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// cdpChromiumFlags make a root, headless, offline-quiet Chromium: without
// the background-networking ones it phones home on its own.
func cdpChromiumFlags(profile, netLog string) []string {
	return []string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
		"--user-data-dir=" + profile, "--log-net-log=" + netLog, "--net-log-capture-mode=Default",
		"--remote-debugging-pipe", "--window-size=1280,900", "about:blank",
	}
}

// cdpStart launches Chromium and opens a page to drive.
func cdpStart(t *testing.T, path, netLog string) *cdpBrowser {
	t.Helper()
	toChrome, chromeIn, err := os.Pipe() // Chromium reads commands from fd 3
	if err != nil {
		t.Fatal(err)
	}
	chromeOut, fromChrome, err := os.Pipe() // and writes to fd 4
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(path, cdpChromiumFlags(t.TempDir(), netLog)...)
	cmd.ExtraFiles = []*os.File{toChrome, fromChrome}
	stderr := &cdpStderr{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	toChrome.Close()
	fromChrome.Close()
	b := &cdpBrowser{t: t, cmd: cmd, w: chromeIn, pending: map[int]chan cdpMsg{}, done: make(chan struct{})}
	go b.read(chromeOut)
	t.Cleanup(func() {
		b.close()
		if t.Failed() {
			t.Logf("chromium stderr:\n%s", stderr.String())
		}
	})

	var target struct{ TargetID string }
	b.callIn("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target)
	var att struct{ SessionID string }
	b.callIn("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	b.session = att.SessionID
	for _, domain := range []string{"Page", "Runtime", "Network", "Log"} {
		b.call(domain+".enable", nil, nil)
	}
	return b
}

// read dispatches replies to their callers and records events.
func (b *cdpBrowser) read(r io.Reader) {
	defer close(b.done)
	br := bufio.NewReader(r)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMsg
		if err := json.Unmarshal(raw[:len(raw)-1], &m); err != nil {
			b.problem("bad CDP message %q: %v", raw, err)
			continue
		}
		b.mu.Lock()
		if ch, ok := b.pending[m.ID]; ok && m.ID != 0 {
			delete(b.pending, m.ID)
			ch <- m
		}
		b.mu.Unlock()
		if m.Method != "" {
			b.event(m)
		}
	}
}

func (b *cdpBrowser) event(m cdpMsg) {
	switch m.Method {
	case "Network.requestWillBeSent":
		var p struct{ Request struct{ URL string } }
		if json.Unmarshal(m.Params, &p) == nil {
			b.mu.Lock()
			b.requests = append(b.requests, p.Request.URL)
			b.mu.Unlock()
		}
	case "Runtime.exceptionThrown":
		b.problem("exception: %s", m.Params)
	case "Runtime.consoleAPICalled":
		var p struct{ Type string }
		if json.Unmarshal(m.Params, &p) == nil && (p.Type == "error" || p.Type == "warning" || p.Type == "assert") {
			b.problem("console.%s: %s", p.Type, m.Params)
		}
	case "Page.javascriptDialogOpening": // an alert() ran: dismiss it, or the page hangs
		b.problem("dialog: %s", m.Params)
		go b.send(m.SessionID, "Page.handleJavaScriptDialog", map[string]any{"accept": false}, nil)
	case "Log.entryAdded": // CSP violations and failed loads land here
		var p struct {
			Entry struct{ Level, Source, Text, URL string }
		}
		if json.Unmarshal(m.Params, &p) == nil && (p.Entry.Level == "error" || p.Entry.Level == "warning") {
			b.problem("%s %s: %s %s", p.Entry.Source, p.Entry.Level, p.Entry.Text, p.Entry.URL)
		}
	}
}

func (b *cdpBrowser) problem(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// call sends a command to the page and decodes its result into out.
func (b *cdpBrowser) call(method string, params, out any) {
	b.t.Helper()
	b.callIn(b.session, method, params, out)
}

func (b *cdpBrowser) callIn(session, method string, params, out any) {
	b.t.Helper()
	if err := b.send(session, method, params, out); err != nil {
		b.t.Fatalf("%s: %v", method, err)
	}
}

func (b *cdpBrowser) send(session, method string, params, out any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMsg, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.w.Write(append(data, 0)); err != nil {
		return err
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s (%d)", m.Error.Message, m.Error.Code)
		}
		if out != nil {
			return json.Unmarshal(m.Result, out)
		}
		return nil
	case <-b.done:
		return errors.New("chromium went away")
	case <-time.After(15 * time.Second):
		return errors.New("no reply in 15s")
	}
}

// eval runs a JavaScript expression in the page and decodes its value.
func (b *cdpBrowser) eval(expr string, out any) {
	b.t.Helper()
	var r struct {
		Result           struct{ Value json.RawMessage }
		ExceptionDetails *struct {
			Text      string
			Exception struct{ Description string }
		}
	}
	b.call("Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &r)
	if r.ExceptionDetails != nil {
		b.t.Fatalf("evaluating %s: %s %s", expr, r.ExceptionDetails.Text, r.ExceptionDetails.Exception.Description)
	}
	if out != nil {
		if err := json.Unmarshal(r.Result.Value, out); err != nil {
			b.t.Fatalf("evaluating %s: %v (value %s)", expr, err, r.Result.Value)
		}
	}
}

// waitFor polls a boolean expression until it holds.
func (b *cdpBrowser) waitFor(expr string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var ok bool
		b.eval("!!("+expr+")", &ok)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("timed out waiting for %s", expr)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// navigate loads url in a fresh document and waits until the page's
// script has run (it sets data-ready on <html>).
func (b *cdpBrowser) navigate(url string) {
	b.t.Helper()
	b.call("Page.navigate", map[string]any{"url": "about:blank"}, nil)
	b.waitFor(`location.href === "about:blank" && document.readyState === "complete"`)
	b.call("Page.navigate", map[string]any{"url": url}, nil)
	b.waitFor(`document.readyState === "complete" && document.documentElement.dataset.ready === "true"`)
}

// key presses and releases one key in the focused element.
func (b *cdpBrowser) key(key, code string, vk int, text string) {
	b.t.Helper()
	down := map[string]any{"type": "keyDown", "key": key, "code": code, "windowsVirtualKeyCode": vk}
	if text != "" {
		down["text"] = text
	} else {
		down["type"] = "rawKeyDown"
	}
	b.call("Input.dispatchKeyEvent", down, nil)
	b.call("Input.dispatchKeyEvent", map[string]any{"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk}, nil)
}

// snapshot returns what the page recorded so far.
func (b *cdpBrowser) snapshot() (requests, problems []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.requests...), append([]string(nil), b.problems...)
}

// close asks Chromium to quit (so that it finishes its net log) and kills
// it if it does not.
func (b *cdpBrowser) close() {
	if b.cmd.ProcessState != nil {
		return
	}
	_ = b.send("", "Browser.close", nil, nil)
	exited := make(chan struct{})
	go func() { b.cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		b.cmd.Process.Kill()
		<-exited
	}
	b.w.Close()
}

// cdpStderr collects Chromium's stderr for failure reports.
type cdpStderr struct {
	mu  sync.Mutex
	buf []byte
}

func (l *cdpStderr) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	return len(p), nil
}

func (l *cdpStderr) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.buf)
}
