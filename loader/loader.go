// Package loader reads entries/ strictly, on every core: every file is
// rejected on what encoding/json lets through (duplicate keys, trailing
// data, invalid UTF-8), validated against the embedded schema, and only
// then decoded; the position of each value is derived for the files that
// have a finding. Every finding names the file,
// line, column and JSON pointer.
package loader

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/errref/errref/diag"
	"github.com/errref/errref/entry"
	"github.com/errref/errref/internal/atomicfile"
	"github.com/errref/errref/internal/jsontree"
	"github.com/errref/errref/internal/printable"
	"github.com/errref/errref/internal/workers"
	"github.com/errref/errref/schema"
)

// Dir is the folder of entry files, relative to the checkout.
const Dir = "entries"

// Rule names the loader reports under.
const (
	RuleSyntax = "syntax" // not well-formed JSON, duplicate keys, invalid UTF-8, trailing data
	RuleSchema = "schema" // valid JSON that the schema rejects
	RuleLayout = "layout" // something in entries/ that is not an entry file
)

// Limits on what Load reads, so that no pull request can exhaust the
// memory or the time of a CI job (docs/security.md).
const (
	MaxFileSize = 64 << 10 // bytes per entry file; the largest entry is under 4 KiB
	// Entry files in entries/: twice the 100,000 that bench/compare.sh
	// measures (docs/performance.md), which check reads in seconds and
	// a few hundred MiB.
	MaxEntries = 200_000
)

// maxEntries is MaxEntries, lowered by tests that need more files than
// the limit without writing 200,001 of them.
var maxEntries = MaxEntries

// kindOf names what a directory entry is, or "" for a regular file.
func kindOf(de fs.DirEntry) string {
	switch t := de.Type(); {
	case t.IsRegular():
		return ""
	case t&fs.ModeSymlink != 0:
		return "a symbolic link (links are never followed)"
	default:
		return atomicfile.Kind(t)
	}
}

// File is one entry file.
type File struct {
	Path  string       // slash-separated, relative to the checkout: "entries/auth-73.json"
	Entry *entry.Entry // nil when the file has syntax or schema errors

	// The bytes of a file Load found nothing wrong with are not kept:
	// at 100,000 entries they would be half of the live heap. Bytes reads
	// such a file again, when a rule needs a position in it, and checks
	// that it is the file that was loaded (size and CRC-32C). Only what
	// every file needs is here, the rest behind kept: each 8 bytes of
	// File are 0.8 MB at 100,000 entries.
	mu   sync.Mutex // guards kept
	src  *source    // nil when kept is set from the start
	size uint32     // at most MaxFileSize
	sum  uint32
	kept *kept
}

// kept is what a file holds once its bytes are kept: a file with
// findings, or one read again.
type kept struct {
	data []byte
	// The position of every value is mapped only for a file with syntax
	// or schema errors; Pos and NamePos scan any other file for the one
	// they need.
	values map[string]int64 // JSON pointer -> offset of the value
	names  map[string]int64 // JSON pointer -> offset of the member's name
}

// source is where Load read the files: one for all of them.
type source struct{ fsys fs.FS }

// Set is what Load read: the files in a deterministic order (by path)
// and what was wrong with them.
type Set struct {
	Files []*File
	Diags []diag.Diagnostic
}

// Entries returns the decoded entries, in reference order (entry.Less).
func (s *Set) Entries() []*entry.Entry {
	var es []*entry.Entry
	for _, f := range s.Files {
		if f.Entry != nil {
			es = append(es, f.Entry)
		}
	}
	slices.SortFunc(es, entry.Less)
	return es
}

// Load reads every *.json file of Dir in fsys. Only regular files are
// opened: Dir itself as a symbolic link (where fsys can tell, as
// os.DirFS can), anything else in Dir, a file name that cannot be printed as it
// is, a file over MaxFileSize and more than MaxEntries files are layout
// errors. Files named atomicfile.TempPrefix* are a rewrite's temporary
// files (fmt, check --fix) and never read. The error is for I/O only;
// what is wrong with a file's content is in Set.Diags.
//
// Entries with the same categories, or the same platforms, share one
// list (vocabulary): set an item of one and you set it in all; append
// copies.
func Load(fsys fs.FS) (*Set, error) {
	set := &Set{}
	layout := func(p, msg string) {
		set.Diags = append(set.Diags, diag.Diagnostic{File: p, Line: 1, Col: 1, Rule: RuleLayout, Level: diag.Error, Message: msg})
	}
	// Dir itself is not followed either: a pull request that makes it a
	// link to a folder out of the checkout would have that folder's
	// files listed, read and quoted in the findings.
	if lfs, ok := fsys.(fs.ReadLinkFS); ok {
		if fi, err := lfs.Lstat(Dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			layout(Dir, "found a symbolic link (links are never followed); want the folder of entry files")
			return set, nil
		}
	}
	des, err := fs.ReadDir(fsys, Dir)
	if err != nil {
		return nil, fmt.Errorf("read entries: %w", err)
	}
	var paths []string       // of the entry files
	for _, de := range des { // fs.ReadDir sorts by name
		name := de.Name()
		if strings.HasPrefix(name, atomicfile.TempPrefix) {
			continue
		}
		if !printable.OK(name) {
			// The name goes into no output as it is: it could forge a line.
			layout(path.Join(Dir, printable.Quote(name)), "found a file name that is not valid UTF-8 or holds control, format or bidirectional characters; want <id>.json")
			continue
		}
		if k := kindOf(de); k != "" || path.Ext(name) != ".json" {
			// Never skip silently: a contributor's auth-99.JSON or
			// auth-99.json.txt would otherwise vanish from the bundle.
			// Never open anything but a regular file: a FIFO blocks, a
			// link can point at /dev/zero or outside the checkout.
			if k == "" {
				k = "a file that is not .json"
			}
			layout(path.Join(Dir, name), fmt.Sprintf("found %s in %s/; want only entry files named <id>.json", k, Dir))
			continue
		}
		paths = append(paths, path.Join(Dir, name))
	}
	if len(paths) > maxEntries {
		layout(Dir, fmt.Sprintf("found %d entry files; want at most %d", len(paths), maxEntries))
		return set, nil
	}
	src := &source{fsys}
	results := make([]loaded, len(paths))
	// A file without findings is not kept (File): the buffer it was read
	// into reads the next one, which halves what the loader allocates
	// besides the decoding.
	bufs := sync.Pool{New: func() any { return new([]byte) }}
	// Files are independent: reading, tokenizing, validating and decoding
	// them on every core divides the loader's time by the number of cores.
	workers.Each(len(paths), func(i int) {
		p := paths[i]
		buf := bufs.Get().(*[]byte)
		data, err := readFile(fsys, p, *buf)
		if errors.Is(err, errTooBig) {
			results[i].rare = &rare{layout: fmt.Sprintf("found a file of more than %d bytes; want at most %d", MaxFileSize, MaxFileSize)}
			return
		}
		if err != nil {
			results[i].rare = &rare{err: err}
			return
		}
		f, ds := Parse(p, data)
		if len(ds) == 0 { // nothing of f refers to data: Parse copies what it keeps
			f.kept, f.src, f.size, f.sum = nil, src, uint32(len(data)), crc32.Checksum(data, castagnoli)
			*buf = data
			bufs.Put(buf)
		}
		results[i].f = f
		if len(ds) > 0 {
			results[i].rare = &rare{ds: ds}
		}
	})
	set.Files = slices.Grow(set.Files, len(paths))
	for i, r := range results { // in name order, whatever order they were read in
		switch {
		case r.f != nil:
			set.Files = append(set.Files, r.f)
			if r.rare != nil {
				set.Diags = append(set.Diags, r.rare.ds...)
			}
		case r.rare.err != nil:
			return nil, r.rare.err
		default:
			layout(paths[i], r.rare.layout)
		}
	}
	diag.Sort(set.Diags)
	return set, nil
}

// loaded is what Load made of one file. There is one per file, live
// until the last file is read: what is rare is behind a pointer.
type loaded struct {
	f    *File // nil when the file was not read
	rare *rare // nil for a file read without findings
}

// rare is what a file that was not read, or has findings, adds.
type rare struct {
	ds     []diag.Diagnostic
	layout string // a layout finding instead of a file
	err    error
}

var errTooBig = errors.New("file too big")

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Bytes returns the file's bytes as loaded. For a file whose bytes Load
// did not keep, it reads the file again (and keeps the bytes from then
// on); the error says the file could not be read or changed since it
// was loaded. Safe for concurrent use.
func (f *File) Bytes() ([]byte, error) {
	k, err := f.load()
	if k == nil {
		return nil, err
	}
	return k.data, nil
}

// load is what f keeps, read again when f keeps nothing yet (Bytes); nil
// for a file that was never read. Safe for concurrent use.
func (f *File) load() (*kept, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.kept != nil || f.src == nil {
		return f.kept, nil
	}
	data, err := f.readAgain(nil)
	if err != nil {
		return nil, err
	}
	f.kept = &kept{data: data}
	return f.kept, nil
}

// Reread is Bytes for a caller that goes through every file once (fmt):
// the file's bytes in buf (if they fit in its capacity, or else in a new
// slice), which the caller owns, and which f does not keep, so that the
// files' bytes are not all held at once. Nil for a file that was never
// read. Safe for concurrent use.
func (f *File) Reread(buf []byte) ([]byte, error) {
	f.mu.Lock()
	k, src := f.kept, f.src
	f.mu.Unlock()
	switch {
	case k != nil:
		return append(buf[:0], k.data...), nil
	case src == nil:
		return nil, nil
	}
	return f.readAgain(buf)
}

// readAgain reads f's file again, into buf if it fits, and checks that
// it is what Load read.
func (f *File) readAgain(buf []byte) ([]byte, error) {
	data, err := readFile(f.src.fsys, f.Path, buf)
	if err != nil {
		return nil, fmt.Errorf("%s: read again: %w", f.Path, err)
	}
	if len(data) != int(f.size) || crc32.Checksum(data, castagnoli) != f.sum {
		return nil, fmt.Errorf("%s: changed since it was loaded; run errref again", f.Path)
	}
	return data, nil
}

// bytes is Bytes, or nil when the file cannot be read again: positions
// then fall back to the start of the file.
func (f *File) bytes() []byte {
	data, _ := f.Bytes()
	return data
}

// readFile reads at most MaxFileSize bytes of a regular file, into buf
// if the file fits in its capacity.
func readFile(fsys fs.FS, p string, buf []byte) ([]byte, error) {
	if d, ok := fsys.(dirFS); ok {
		return d.readRegular(p, buf)
	}
	return readFS(fsys, p, buf)
}

// readFS is readFile through any fs.FS.
func readFS(fsys fs.FS, p string, buf []byte) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := checkOpened(p, fi.Mode().IsRegular(), fi.Size()); err != nil {
		return nil, err
	}
	return readSized(f, fi.Size(), buf)
}

// checkOpened refuses what was opened unless it is a regular file of at
// most MaxFileSize bytes.
func checkOpened(p string, regular bool, size int64) error {
	switch {
	case !regular:
		return fmt.Errorf("%s: not a regular file", p) // replaced since the listing
	case size > MaxFileSize:
		return errTooBig
	}
	return nil
}

// readSized reads r, a file that Stat or fstat said holds size bytes,
// into a buffer of that size and one byte more: two reads for the whole
// file, as os.ReadFile does (io.ReadAll starts at 512 bytes and grows, one
// read per step). A file that shrank is read whole; one that grew is read
// on, within MaxFileSize. It reads into buf if size+1 bytes fit in its
// capacity.
func readSized(r io.Reader, size int64, buf []byte) ([]byte, error) {
	data := buf[:0]
	if int64(cap(data)) > size {
		data = data[:size+1]
	} else {
		data = make([]byte, size+1)
	}
	n, err := io.ReadFull(r, data)
	switch {
	case err == io.ErrUnexpectedEOF || err == io.EOF:
		return data[:n], nil
	case err != nil:
		return nil, err
	}
	rest, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1-int64(n)))
	data = append(data, rest...)
	if err == nil && len(data) > MaxFileSize {
		return nil, errTooBig
	}
	return data, err
}

// trees are the loader's workers' jsontree.Trees, each reused file after
// file.
var trees = sync.Pool{New: func() any { return new(jsontree.Tree) }}

// Parse checks one file's bytes; name is the path reported in diagnostics.
func Parse(name string, data []byte) (*File, []diag.Diagnostic) {
	f := &File{Path: name, kept: &kept{data: data}}
	// The fast path parses the bytes once, into a tree (jsontree), which
	// rejects what the tokenizer would (duplicate names, invalid UTF-8,
	// trailing data), validates that, and takes the entry's strings over
	// from it. Only a file with something wrong takes the slow path,
	// which places and words each finding.
	t := trees.Get().(*jsontree.Tree)
	defer trees.Put(t)
	parsed := !bytes.HasPrefix(data, bom) && t.Parse(data) == nil
	if !parsed {
		if d := f.indexed(); d != nil {
			return f, []diag.Diagnostic{*d}
		}
		if ds := f.validate(); len(ds) > 0 {
			return f, ds
		}
	} else if !schema.ValidValue(t.Root()) {
		if ds := f.validate(); len(ds) > 0 {
			return f, ds
		}
	}
	var e entry.Entry
	if parsed && decoded(&e, t.Root()) {
		f.Entry = &e
		return f, nil
	}
	e = entry.Entry{}
	if err := jsonv2.Unmarshal(data, &e, jsonv2.RejectUnknownMembers(true)); err != nil {
		// The schema should have caught this; report it all the same.
		ptr := ""
		var se *jsonv2.SemanticError
		if errors.As(err, &se) {
			ptr = string(se.JSONPointer)
		}
		return f, []diag.Diagnostic{f.Diag(ptr, RuleSchema, diag.Error, err.Error())}
	}
	vocabulary(&e)
	f.Entry = &e
	return f, nil
}

// indexed indexes f on first use and returns the syntax error index
// found then (nil on later calls). Only Parse calls it, before f is
// shared.
func (f *File) indexed() *diag.Diagnostic {
	if f.kept.values != nil {
		return nil
	}
	return f.index()
}

// index tokenizes the file, recording where every value and member name
// starts. It returns the first syntax error.
func (f *File) index() *diag.Diagnostic {
	k := f.kept
	k.values = map[string]int64{}
	k.names = map[string]int64{}
	if bytes.HasPrefix(k.data, bom) {
		d := f.at(0, "", RuleSyntax, "found a byte-order mark (U+FEFF) at the start of the file; want none: save the file as UTF-8 without BOM")
		return &d
	}
	dec := jsontext.NewDecoder(bytes.NewReader(k.data))
	done := false // a whole top-level value has been read
	for {
		start := skipSpace(k.data, dec.InputOffset())
		tok, err := dec.ReadToken()
		if err == io.EOF {
			if len(k.values) == 0 {
				d := f.at(start, "", RuleSyntax, "file is empty; want a JSON object")
				return &d
			}
			return nil
		}
		if err != nil {
			var se *jsontext.SyntacticError
			if errors.As(err, &se) {
				d := f.at(se.ByteOffset, string(se.JSONPointer), RuleSyntax, syntaxMessage(k.data, se))
				return &d
			}
			d := f.at(start, "", RuleSyntax, err.Error())
			return &d
		}
		if done {
			// A second top-level value: encoding/json's Decoder would stop
			// before it and never tell.
			d := f.at(start, "", RuleSyntax, "unexpected data after the top-level value")
			return &d
		}
		depth := dec.StackDepth()
		done = depth == 0
		if k := tok.Kind(); k == '}' || k == ']' {
			continue
		}
		ptr := string(dec.StackPointer())
		kind, length := dec.StackIndex(depth)
		if kind == '{' && length%2 == 1 && tok.Kind() == '"' {
			k.names[ptr] = start
			continue
		}
		if tok.Kind() == '{' || tok.Kind() == '[' {
			// The pointer of a just-opened container is the container's.
			k.values[ptr] = start
			continue
		}
		k.values[ptr] = start
	}
}

var bom = []byte("\ufeff")

// syntaxMessage words a tokenizer error for a contributor.
func syntaxMessage(data []byte, se *jsontext.SyntacticError) string {
	if errors.Is(se.Err, jsontext.ErrDuplicateName) {
		return fmt.Sprintf("duplicate key %q", se.JSONPointer.LastToken())
	}
	if off := se.ByteOffset; off < int64(len(data)) && data[off] == ',' {
		if next := skipSpace(data, off+1); next < int64(len(data)) && (data[next] == '}' || data[next] == ']') {
			return fmt.Sprintf("found a trailing comma before %q; want none: JSON allows no comma after the last item", data[next])
		}
	}
	return strings.TrimPrefix(se.Err.Error(), "jsontext: ")
}

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\n', '\r', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

var quotedName = regexp.MustCompile(`'((?:[^'\\]|\\.)*)'`)

// validate runs the schema and maps each failure to a position.
func (f *File) validate() []diag.Diagnostic {
	f.indexed() // for the positions of member names
	dec := json.NewDecoder(bytes.NewReader(f.kept.data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return []diag.Diagnostic{f.Diag("", RuleSyntax, diag.Error, err.Error())}
	}
	err := schema.Compiled().Validate(v)
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		if err != nil {
			return []diag.Diagnostic{f.Diag("", RuleSchema, diag.Error, err.Error())}
		}
		return nil
	}
	var ds []diag.Diagnostic
	renamed := map[string]bool{} // pointers of missing fields an unknown one misspells
	for _, leaf := range leaves(ve) {
		ptr := leaf.InstanceLocation
		switch kw := path.Base(leaf.KeywordLocation); kw {
		case "required":
			for _, m := range quotedName.FindAllStringSubmatch(strings.ReplaceAll(leaf.Message, `"`, `'`), -1) {
				d := f.Diag(ptr, RuleSchema, diag.Error, requiredMessage(fragment(leaf.AbsoluteKeywordLocation), m[1], v, ptr))
				d.Pointer = ptr + "/" + escapeToken(m[1])
				ds = append(ds, d)
			}
		case "additionalProperties":
			known := schemaProperties(leaf.AbsoluteKeywordLocation)
			for _, m := range quotedName.FindAllStringSubmatch(leaf.Message, -1) {
				member := ptr + "/" + escapeToken(m[1])
				msg, near := unknownField(m[1], known)
				renamed[ptr+"/"+escapeToken(near)] = near != ""
				d := f.Diag(ptr, RuleSchema, diag.Error, msg)
				if off, ok := f.kept.names[member]; ok {
					d.Line, d.Col = f.lineCol(off)
				}
				d.Pointer = member
				ds = append(ds, d)
			}
		case "enum":
			ds = append(ds, f.Diag(ptr, RuleSchema, diag.Error, enumMessage(instanceAt(v, ptr), schemaEnum(leaf.AbsoluteKeywordLocation))))
		case "type":
			ds = append(ds, f.Diag(ptr, RuleSchema, diag.Error, typeMessage(instanceAt(v, ptr), leaf.Message)))
		default:
			ds = append(ds, f.Diag(ptr, RuleSchema, diag.Error, schemaMessage(leaf, v)))
		}
	}
	// "resolutoin" is unknown and "resolution" missing: one slip, one
	// finding, which says to rename.
	ds = slices.DeleteFunc(ds, func(d diag.Diagnostic) bool {
		return renamed[d.Pointer] && strings.HasPrefix(d.Message, "found no field")
	})
	diag.Sort(ds)
	return slices.CompactFunc(ds, func(a, b diag.Diagnostic) bool { return diag.Compare(a, b) == 0 })
}

// leaves flattens a validation error to the failures that have no causes:
// the ones that say what is wrong rather than where.
func leaves(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func escapeToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Diag builds a diagnostic at the value that ptr names; a pointer to a
// value that is not in the file (a missing member) falls back to its
// nearest present ancestor.
func (f *File) Diag(ptr, rule string, level diag.Level, msg string) diag.Diagnostic {
	d := diag.Diagnostic{File: f.Path, Pointer: ptr, Rule: rule, Level: level, Message: msg}
	d.Line, d.Col = f.Pos(ptr)
	return d
}

func (f *File) at(off int64, ptr, rule, msg string) diag.Diagnostic {
	d := diag.Diagnostic{File: f.Path, Pointer: ptr, Rule: rule, Level: diag.Error, Message: msg}
	d.Line, d.Col = f.lineCol(off)
	return d
}

// Pos returns the line and column at which the value ptr names starts,
// or its nearest present ancestor's.
func (f *File) Pos(ptr string) (line, col int) {
	values, _ := f.positions(ptr)
	for {
		if off, ok := values[ptr]; ok {
			return f.lineCol(off)
		}
		if ptr == "" {
			return 1, 1
		}
		ptr = ptr[:strings.LastIndexByte(ptr, '/')]
	}
}

// NamePos returns the position of the member name of ptr, or the value's.
func (f *File) NamePos(ptr string) (line, col int) {
	if _, names := f.positions(ptr); names != nil {
		if off, ok := names[ptr]; ok {
			return f.lineCol(off)
		}
	}
	return f.Pos(ptr)
}

// positions are the offsets of the values and member names of ptr and
// its ancestors: from the maps of a file that was indexed (it had syntax
// or schema errors), else from a scan of the file that keeps only these.
// A map of every value of every file would be most of the heap; a file
// with a finding is tokenized again per finding instead.
func (f *File) positions(ptr string) (values, names map[string]int64) {
	if k, _ := f.load(); k != nil && k.values != nil {
		return k.values, k.names
	}
	want := map[string]bool{ptr: true}
	for p := ptr; p != ""; {
		p = p[:strings.LastIndexByte(p, '/')]
		want[p] = true
	}
	values, names = map[string]int64{}, map[string]int64{}
	data := f.bytes()
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	for len(values) < len(want) {
		start := skipSpace(data, dec.InputOffset())
		tok, err := dec.ReadToken()
		if err != nil {
			break
		}
		k := tok.Kind()
		if k == '}' || k == ']' {
			continue
		}
		p := string(dec.StackPointer())
		if !want[p] {
			continue
		}
		if kind, length := dec.StackIndex(dec.StackDepth()); kind == '{' && length%2 == 1 && k == '"' {
			names[p] = start
		} else {
			values[p] = start
		}
	}
	return values, names
}

func (f *File) lineCol(off int64) (line, col int) {
	data := f.bytes()
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte{'\n'}) + 1
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}
