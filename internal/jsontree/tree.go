// Package jsontree holds a decoded JSON document as a tree of values in
// one slice, which the next document reuses.
//
// The loader decodes every entry file to validate it before it takes the
// entry over. Decoded into an any, each object is a map and each value an
// interface: some ninety allocations per entry, a second of a check of
// 100,000 entries (docs/performance.md). A Tree costs an allocation per
// string and per number, which the entry keeps anyway, and nothing else
// once its slice has grown.
package jsontree

import (
	"bytes"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"math"
	"strconv"

	"github.com/go-json-experiment/json/jsontext"
)

// Kind is the kind of a JSON value.
type Kind uint8

const (
	Invalid Kind = iota // no value: the zero Value, or past the last child
	Null
	False
	True
	Number
	String
	Array
	Object
)

// node is one value. Children are chained: first, then next.
type node struct {
	kind        Kind
	n           int32 // children
	first, next int32 // -1 for none
	num         float64
	name        string // the member name, for a value in an object
	str         string // a string's text, a number's literal
}

// Tree is a decoded JSON document. Its zero value is ready to use; a Tree
// is not safe for concurrent use.
type Tree struct {
	nodes   []node
	dec     *jsontext.Decoder
	r       bytes.Reader
	scratch []byte
	// strs are strings read lately, by a hash of their bytes: member
	// names, and texts that recur from document to document (a
	// subsystem, a resolution step), are then one string for all, as
	// go-json-experiment's Unmarshal makes them (at 100,000 entries, 59
	// MB of strings instead of 23 MB without it).
	strs *[cachedStrings]string
	seed maphash.Seed
}

const (
	cachedStrings = 4096
	maxCachedLen  = 256 // bytes: longer texts rarely recur
)

// Parse decodes data, a whole JSON document, replacing what t held. It
// accepts exactly what go-json-experiment's Unmarshal into an any accepts
// (duplicate names and invalid UTF-8 are errors, and so is anything after
// the value), with the same strings and float64 numbers, and reports an
// error for a number a float64 cannot hold.
func (t *Tree) Parse(data []byte) error {
	t.nodes = t.nodes[:0]
	t.r.Reset(data)
	if t.dec == nil {
		t.dec = jsontext.NewDecoder(&t.r)
	} else {
		t.dec.Reset(&t.r)
	}
	if _, err := t.value(""); err != nil {
		return err
	}
	if _, err := t.dec.ReadToken(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the top-level value")
		}
		return err
	}
	return nil
}

// value reads the next value, a member called name in an object, and
// returns its index.
func (t *Tree) value(name string) (int32, error) {
	i := int32(len(t.nodes))
	t.nodes = append(t.nodes, node{name: name, first: -1, next: -1})
	switch t.dec.PeekKind() {
	case '{', '[':
		tok, err := t.dec.ReadToken()
		if err != nil {
			return 0, err
		}
		obj := tok.Kind() == '{'
		t.nodes[i].kind = Array
		if obj {
			t.nodes[i].kind = Object
		}
		last := int32(-1)
		for {
			if k := t.dec.PeekKind(); k == '}' || k == ']' {
				if _, err := t.dec.ReadToken(); err != nil {
					return 0, err
				}
				return i, nil
			}
			member := ""
			if obj {
				raw, err := t.dec.ReadValue()
				if err != nil {
					return 0, err
				}
				if member, err = t.name(raw); err != nil {
					return 0, err
				}
			}
			c, err := t.value(member)
			if err != nil {
				return 0, err
			}
			last = t.add(i, last, c)
		}
	case '"':
		raw, err := t.dec.ReadValue()
		if err != nil {
			return 0, err
		}
		s, err := t.unquote(raw)
		if err != nil {
			return 0, err
		}
		t.nodes[i].kind, t.nodes[i].str = String, t.str(s)
	case '0':
		raw, err := t.dec.ReadValue()
		if err != nil {
			return 0, err
		}
		lit := string(raw)
		f, err := strconv.ParseFloat(lit, 64)
		if err != nil {
			return 0, err
		}
		t.nodes[i].kind, t.nodes[i].num, t.nodes[i].str = Number, f, lit
	default:
		tok, err := t.dec.ReadToken()
		if err != nil {
			return 0, err
		}
		switch tok.Kind() {
		case 'n':
			t.nodes[i].kind = Null
		case 'f':
			t.nodes[i].kind = False
		case 't':
			t.nodes[i].kind = True
		default:
			return 0, fmt.Errorf("unexpected %v", tok)
		}
	}
	return i, nil
}

// add makes c the child of parent after last (-1 for the first child)
// and returns c, the last child now.
func (t *Tree) add(parent, last, c int32) int32 {
	if last < 0 {
		t.nodes[parent].first = c
	} else {
		t.nodes[last].next = c
	}
	t.nodes[parent].n++
	return c
}

// unquote is the text of the JSON string raw, in t's scratch buffer.
func (t *Tree) unquote(raw []byte) ([]byte, error) {
	if len(raw) >= 2 && bytes.IndexByte(raw, '\\') < 0 {
		return raw[1 : len(raw)-1], nil
	}
	var err error
	t.scratch, err = jsontext.AppendUnquote(t.scratch[:0], raw)
	return t.scratch, err
}

// name is the member name raw.
func (t *Tree) name(raw []byte) (string, error) {
	b, err := t.unquote(raw)
	if err != nil {
		return "", err
	}
	return t.str(b), nil
}

// str is b as a string: the one t read lately, if it did.
func (t *Tree) str(b []byte) string {
	if len(b) < 2 || len(b) > maxCachedLen {
		return string(b) // the runtime has the strings of one byte
	}
	if t.strs == nil {
		t.strs, t.seed = new([cachedStrings]string), maphash.MakeSeed()
	}
	slot := &t.strs[maphash.Bytes(t.seed, b)%cachedStrings]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}

// ErrNotJSON is SetAny's error for a Go value no JSON decoder gives.
var ErrNotJSON = errors.New("not a decoded JSON value")

// SetAny makes t hold v, a value as encoding/json or go-json-experiment
// decode JSON into an any (nil, bool, float64, string, []any,
// map[string]any). A number has no literal then: Literal is "".
func (t *Tree) SetAny(v any) error {
	t.nodes = t.nodes[:0]
	_, err := t.setAny("", v)
	return err
}

func (t *Tree) setAny(name string, v any) (int32, error) {
	i := int32(len(t.nodes))
	t.nodes = append(t.nodes, node{name: name, first: -1, next: -1})
	var kids func(yield func(string, any) bool)
	switch v := v.(type) {
	case nil:
		t.nodes[i].kind = Null
	case bool:
		t.nodes[i].kind = False
		if v {
			t.nodes[i].kind = True
		}
	case float64:
		t.nodes[i].kind, t.nodes[i].num = Number, v
	case string:
		t.nodes[i].kind, t.nodes[i].str = String, v
	case []any:
		t.nodes[i].kind = Array
		kids = func(yield func(string, any) bool) {
			for _, x := range v {
				if !yield("", x) {
					return
				}
			}
		}
	case map[string]any:
		t.nodes[i].kind = Object
		kids = func(yield func(string, any) bool) {
			for k, x := range v {
				if !yield(k, x) {
					return
				}
			}
		}
	default:
		return 0, ErrNotJSON
	}
	if kids == nil {
		return i, nil
	}
	last := int32(-1)
	var err error
	kids(func(k string, x any) bool {
		var c int32
		if c, err = t.setAny(k, x); err != nil {
			return false
		}
		last = t.add(i, last, c)
		return true
	})
	return i, err
}

// Root is the document's value; the zero Value if t holds none.
func (t *Tree) Root() Value {
	if len(t.nodes) == 0 {
		return Value{}
	}
	return Value{t, 0}
}

// Value is one value of a Tree, valid until the Tree's next Parse or
// SetAny.
type Value struct {
	t *Tree
	i int32
}

// none is the node of the zero Value: it has no children, no siblings
// and the zero of everything else.
var none = node{first: -1, next: -1}

func (v Value) node() *node {
	if v.t == nil {
		return &none
	}
	return &v.t.nodes[v.i]
}

// Kind is v's kind; Invalid for the zero Value.
func (v Value) Kind() Kind { return v.node().kind }

// Str is the text of a string.
func (v Value) Str() string { return v.node().str }

// Num is the value of a number.
func (v Value) Num() float64 { return v.node().num }

// Literal is a number as the document wrote it ("7", "7.0", "1e2"), or
// "" for a Tree made by SetAny.
func (v Value) Literal() string { return v.node().str }

// Name is the member name of a value in an object.
func (v Value) Name() string { return v.node().name }

// Len is the number of an array's items or an object's members.
func (v Value) Len() int { return int(v.node().n) }

// First is the first item or member, or the zero Value if there is none.
func (v Value) First() Value { return v.at(v.node().first) }

// Next is the item or member after v, or the zero Value after the last.
func (v Value) Next() Value { return v.at(v.node().next) }

func (v Value) at(i int32) Value {
	if i < 0 {
		return Value{}
	}
	return Value{v.t, i}
}

// Member is the member of an object called name.
func (v Value) Member(name string) (Value, bool) {
	for c := v.First(); c.t != nil; c = c.Next() {
		if c.Name() == name {
			return c, true
		}
	}
	return Value{}, false
}

// Any is v as go-json-experiment decodes it into an any.
func (v Value) Any() any {
	switch v.Kind() {
	case Null, Invalid:
		return nil
	case False:
		return false
	case True:
		return true
	case Number:
		return v.Num()
	case String:
		return v.Str()
	case Array:
		a := make([]any, 0, v.Len())
		for c := v.First(); c.t != nil; c = c.Next() {
			a = append(a, c.Any())
		}
		return a
	}
	m := make(map[string]any, v.Len())
	for c := v.First(); c.t != nil; c = c.Next() {
		m[c.Name()] = c.Any()
	}
	return m
}

// IsInteger reports whether a number is whole, as JSON Schema's
// "integer" type asks.
func (v Value) IsInteger() bool {
	f := v.Num()
	return f == math.Trunc(f) && !math.IsInf(f, 0)
}
