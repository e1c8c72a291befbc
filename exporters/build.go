package exporters

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/errref/errref/internal/atomicfile"
	"github.com/errref/errref/internal/printable"
)

// SumsFile is the checksum list written beside every other file.
const SumsFile = "SHA256SUMS"

// MarkerFile is written first into every bundle and listed in SumsFile:
// a folder is replaced only when it holds this file, and every other file
// in it is listed in SumsFile with its checksum (see Recognise).
const MarkerFile = ".errref-bundle"

const markerLine = "This folder is a bundle written by errref build."

var markerData = []byte(markerLine + `
errref build replaces it whole, and refuses to when it holds a file that
errref did not write or that was changed since (SHA256SUMS).
`)

// ErrRefused says the target is no place for a bundle; nothing was
// changed.
var ErrRefused = errors.New("refusing to write the bundle")

// Writer places a bundle. The zero value replaces the target whole.
type Writer struct {
	// Merge keeps the files of an existing bundle that the exporters
	// being written do not declare (build --only): only their files are
	// replaced, and SumsFile is rewritten.
	Merge bool
	// Protect are folders the target must be neither equal to nor an
	// ancestor of (the checkout).
	Protect []string
	// Sources are folders the target must be neither equal to, inside,
	// nor an ancestor of (entries/).
	Sources []string
	// Warn, when set, is told what went wrong but did not stop the
	// build: a leftover of an earlier build that could not be removed.
	Warn func(msg string)
}

// Write places the bundle of every exporter in exps at target, replacing
// the whole of a previous bundle; see Writer.Write.
func Write(b *Bundle, exps []*Exporter, target string) error {
	return Writer{}.Write(b, exps, target)
}

// Write builds the bundle into a staging folder beside target, then puts
// it in target's place in one step:
//
//   - target must be absent, an empty folder or a bundle this package
//     wrote and nobody changed since (Recognise); anything else is
//     refused with ErrRefused and left alone;
//   - builds into the same parent folder are serialised with a lock on it;
//   - files get mode 0644, folders 0755, and all are synced before the
//     staging folder is exchanged with target (atomicfile.Exchange), so
//     target always names a whole bundle, even if the process is killed;
//   - leftovers of a killed build are removed by the next one.
//
// An error says whether target changed.
func (w Writer) Write(b *Bundle, exps []*Exporter, target string) error {
	target, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	if err := w.checkPlace(target); err != nil {
		return err
	}
	parent, base := filepath.Split(target)
	parent = filepath.Clean(parent)
	unchanged := func(err error) error { return fmt.Errorf("%w (%s is unchanged)", err, printable.Quote(target)) }
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return unchanged(err)
	}
	unlock, err := atomicfile.Lock(parent)
	if err != nil {
		return unchanged(err)
	}
	defer unlock()
	if err := recoverLeftovers(parent, base, w.Warn); err != nil {
		return unchanged(fmt.Errorf("cleaning up after an earlier build: %w", err))
	}
	old, err := inspect(target)
	if err != nil {
		return err
	}
	staging, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return unchanged(err)
	}
	if err := w.stage(staging, b, exps, target, old); err != nil {
		return errors.Join(unchanged(err), removeBundle(staging))
	}
	oldAt, err := swap(staging, target, old != nil)
	var lost *targetLost
	if errors.As(err, &lost) {
		return fmt.Errorf("%w: %s is missing; the previous bundle is at %s, and the next build puts it back", err, printable.Quote(target), printable.Quote(lost.aside))
	}
	if err != nil {
		return errors.Join(unchanged(err), removeBundle(staging))
	}
	if oldAt != "" {
		if err := removeOld(oldAt); err != nil {
			return fmt.Errorf("wrote %s, but the previous bundle, now at %s, could not be removed: %w", printable.Quote(target), printable.Quote(oldAt), err)
		}
	}
	if err := atomicfile.Sync(parent); err != nil {
		return fmt.Errorf("wrote %s, but could not sync its folder: %w", printable.Quote(target), err)
	}
	return nil
}

// stage writes the bundle into the fresh folder dir. The exporters run
// concurrently, at most GOMAXPROCS at a time, each placing its own files
// as soon as it has them (so that their data can be freed early); the
// files' checksums are taken as they are written. Nothing depends on the
// order in which they finish: each file's bytes are its exporter's, and
// the first failure in registry order is reported.
func (w Writer) stage(dir string, b *Bundle, exps []*Exporter, target string, old map[string]prevFile) error {
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	st := &stager{dir: dir, placed: map[string]placed{}, dirs: map[string]bool{}, prevDir: target, prev: old}
	// The marker first: a leftover staging folder is then recognisable.
	if err := st.place("", File{Name: MarkerFile, Data: markerData}); err != nil {
		return err
	}
	if w.Merge {
		for _, name := range slices.Sorted(maps.Keys(old)) {
			if name == MarkerFile || slices.ContainsFunc(exps, func(e *Exporter) bool { return e.Declares(name) }) {
				continue
			}
			// Linked, or copied through a buffer: errors.sqlite is 250
			// MB at 100,000 entries.
			src, sum := filepath.Join(target, filepath.FromSlash(name)), old[name].sum
			copyOld := func(w io.Writer) error {
				fh, err := os.Open(src)
				if err != nil {
					return err
				}
				defer fh.Close()
				return copyFile(w, fh)
			}
			if err := st.place("", File{Name: name, Stream: copyOld, prevSum: &sum}); err != nil {
				return err
			}
		}
	}
	b = withShared(b)
	if err := parallel(len(exps), func(i int) error { return st.export(exps[i], b) }); err != nil {
		return err
	}
	if err := atomicfile.Create(filepath.Join(dir, SumsFile), st.sumsFile(), 0o644); err != nil {
		return err
	}
	return atomicfile.SyncTree(dir)
}

// stager places files into a staging folder from several goroutines.
type stager struct {
	dir string
	// prevDir is the bundle being replaced, and prev its files, which
	// Recognise checked: a file whose new bytes are the same is linked
	// from there instead of written again.
	prevDir string
	prev    map[string]prevFile
	mu      sync.Mutex
	placed  map[string]placed // by name, every file claimed
	dirs    map[string]bool   // folders made so far
}

// placed is a file of the new bundle: the exporter that claimed its name,
// and its checksum once written.
type placed struct {
	by  string
	sum [sha256.Size]byte
}

// prevFile is a file of the previous bundle, as Recognise read it: its
// checksum, and its stamp before the read when it had settled then (a
// file with the same stamp still has those bytes, and is linked without
// reading it again: at 100,000 entries, 2 GB read twice instead of three
// times).
type prevFile struct {
	sum     [sha256.Size]byte
	stamp   atomicfile.Stamp
	settled bool
}

// export runs e and places its files.
func (st *stager) export(e *Exporter, b *Bundle) error {
	files, err := e.Export(b)
	if err != nil {
		return fmt.Errorf("exporter %s: %w", e.Name, err)
	}
	for _, f := range files {
		if err := checkName(f.Name); err != nil {
			return fmt.Errorf("exporter %s: %w", e.Name, err)
		}
		if !e.Declares(f.Name) {
			return fmt.Errorf("exporter %s: file %q is not in its Files", e.Name, f.Name)
		}
	}
	// Placed one at a time: creating files side by side in one folder
	// made ext4 wait on the folder's lock (10,000 files: 0.6 s alone, 2.9
	// s with two workers). Rendering is what runs side by side.
	next, stop := renderAhead(files, renderWindow)
	defer stop()
	for i := range files {
		rendered := files[i].Make != nil
		f := next(i)
		if err := st.place(e.Name, f); err != nil {
			return err
		}
		files[i] = File{} // placed: its data may go
		if rendered {
			recycle(f.Data)
		}
	}
	return nil
}

// renderBuffers recycle the bytes of rendered files: a Make appends to
// renderBuffer(), and the writer hands the bytes back (recycle) once the
// file is placed. 100,000 pages of 20 KB were 2.3 GB allocated and
// cleared, and work for the collector.
var renderBuffers sync.Pool

// renderBuffer is an empty buffer, of capacity size if it is new.
func renderBuffer(size int) []byte {
	if p, ok := renderBuffers.Get().(*[]byte); ok {
		return (*p)[:0]
	}
	return make([]byte, 0, size)
}

// recycle keeps b for renderBuffer; nothing else may use b any more.
// Large ones are left to the collector.
func recycle(b []byte) {
	if c := cap(b); c > 0 && c <= 1<<20 {
		renderBuffers.Put(&b)
	}
}

// renderWindow bounds how many rendered files wait for the writer: a few
// per core keep the cores busy, and the memory stays a few pages.
var renderWindow = 8 * runtime.GOMAXPROCS(0)

// renderAhead renders the files that have a Make (the site's entry
// pages) on every core, at most window ahead of the writer, which takes
// them in order through next(i): files[i] with its bytes, or with a Make
// that returns its error. stop ends the rendering early and waits for it.
// What it holds is bounded by window, not by the number of files: a
// rendered file waits in one of window mailboxes, which the k-th file to
// render shares with the (k+window)-th, sent only once the k-th is taken.
func renderAhead(files []File, window int) (next func(i int) File, stop func()) {
	type result struct {
		data []byte
		err  error
	}
	type job struct {
		make func() ([]byte, error)
		out  chan result
	}
	// Listed before anything runs: the caller may clear files[i] once
	// next(i) returned it, while the feeder is still going.
	var makes []func() ([]byte, error)
	for _, f := range files {
		if f.Make != nil {
			makes = append(makes, f.Make)
		}
	}
	boxes := make([]chan result, window)
	for k := range boxes {
		boxes[k] = make(chan result, 1) // a worker never waits to hand over
	}
	jobs := make(chan job)
	slots := make(chan struct{}, window)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for j := range jobs {
				data, err := j.make()
				j.out <- result{data, err}
			}
		})
	}
	wg.Go(func() {
		defer close(jobs)
		for k, mk := range makes {
			select {
			case slots <- struct{}{}:
			case <-done:
				return
			}
			select {
			case jobs <- job{mk, boxes[k%window]}:
			case <-done:
				return
			}
		}
	})
	taken := 0
	next = func(i int) File {
		f := files[i]
		if f.Make == nil {
			return f
		}
		r := <-boxes[taken%window]
		taken++
		<-slots
		f.Data, f.Make = r.data, nil
		if r.err != nil {
			err := r.err
			f.Make = func() ([]byte, error) { return nil, err }
		}
		return f
	}
	var once sync.Once
	stop = func() { once.Do(func() { close(done); wg.Wait() }) }
	return next, stop
}

// place claims f's name for the exporter named by, writes f and records
// its checksum.
func (st *stager) place(by string, f File) error {
	st.mu.Lock()
	claimed, dup := st.placed[f.Name]
	if !dup {
		st.placed[f.Name] = placed{by: by}
	}
	st.mu.Unlock()
	if dup {
		if claimed.by == by {
			return fmt.Errorf("exporter %s: file %q is written twice", by, f.Name)
		}
		// Named in a fixed order: which one came second is chance.
		a, b := min(claimed.by, by), max(claimed.by, by)
		return fmt.Errorf("file %q is written by both exporter %s and exporter %s", f.Name, a, b)
	}
	sum, err := st.write(f)
	if err != nil {
		if by == "" {
			return err
		}
		return fmt.Errorf("exporter %s: %s: %w", by, f.Name, err)
	}
	st.mu.Lock()
	st.placed[f.Name] = placed{by: by, sum: sum}
	st.mu.Unlock()
	return nil
}

// write writes f into the staging folder and returns its checksum.
func (st *stager) write(f File) ([sha256.Size]byte, error) {
	p := filepath.Join(st.dir, filepath.FromSlash(f.Name))
	if err := st.mkdirs(path.Dir(f.Name)); err != nil {
		return [sha256.Size]byte{}, err
	}
	if f.prevSum != nil && st.link(f.Name, *f.prevSum, p) {
		return *f.prevSum, nil
	}
	if f.Stream != nil {
		return st.stream(f, p)
	}
	if f.WriteTo == nil {
		data, err := f.Content()
		if err != nil {
			return [sha256.Size]byte{}, err
		}
		sum := sha256.Sum256(data)
		if st.link(f.Name, sum, p) {
			return sum, nil
		}
		return sum, atomicfile.Create(p, data, 0o644)
	}
	if err := f.WriteTo(p); err != nil {
		return [sha256.Size]byte{}, err
	}
	fi, err := os.Lstat(p)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	if !fi.Mode().IsRegular() {
		return [sha256.Size]byte{}, fmt.Errorf("not written as a regular file")
	}
	if err := os.Chmod(p, 0o644); err != nil {
		return [sha256.Size]byte{}, err
	}
	return fileSum(p)
}

// stream writes what f.Stream renders beside p, hashing it as it passes
// through a buffer, then puts in p the previous bundle's copy when it is
// the same (link) or else the new one. The writer holds the buffer, not
// the file.
func (st *stager) stream(f File, p string) (sum [sha256.Size]byte, err error) {
	tmp := filepath.Join(filepath.Dir(p), atomicfile.TempPrefix+filepath.Base(p))
	fh, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return sum, err
	}
	h := sha256.New()
	bw := bufio.NewWriterSize(io.MultiWriter(fh, h), streamBuffer)
	err = f.Stream(bw)
	if err == nil {
		err = bw.Flush() // reports the first write error, which bufio keeps
	}
	if err == nil {
		err = fh.Chmod(0o644) // the umask applies to open, not to chmod
	}
	if err = errors.Join(err, fh.Close()); err != nil {
		return sum, err
	}
	h.Sum(sum[:0])
	if st.link(f.Name, sum, p) {
		return sum, os.Remove(tmp)
	}
	return sum, os.Rename(tmp, p)
}

// streamBuffer is the buffer between a streamed file and the disk: large
// enough that writes cost few system calls.
const streamBuffer = 256 << 10

// link links the previous bundle's copy of name to p when its checksum
// is sum, and reports whether it did. A rebuild then writes and frees
// only the blocks of files that changed: the previous bundle, removed
// after the exchange, gives up names, not data. Only a copy with the
// bundle's mode is linked (the two names share it, and a failed build
// must leave the previous bundle as it was); one that cannot be linked
// (another owner's, another file system) or that changed since Recognise
// read it is written instead.
func (st *stager) link(name string, sum [sha256.Size]byte, p string) bool {
	was, ok := st.prev[name]
	if !ok || was.sum != sum {
		return false
	}
	old := filepath.Join(st.prevDir, filepath.FromSlash(name))
	fi, err := os.Lstat(old)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != 0o644 {
		return false
	}
	if err := os.Link(old, p); err != nil {
		return false
	}
	if was.settled {
		if now, ok := atomicfile.StampOf(fi); ok && now == was.stamp {
			return true // not written since its sum was checked
		}
	}
	if got, _, err := stampedSum(p); err != nil || got != sum {
		_ = os.Remove(p) // written instead; a leftover would fail the sums check
		return false
	}
	return true
}

// fileSum is the SHA-256 of the file at p, read in pieces.
func fileSum(p string) ([sha256.Size]byte, error) {
	sum, _, err := stampedSum(p)
	return sum, err
}

// stampedSum is fileSum with the file's stamp as it was before the read,
// or the zero Stamp where the system gives none.
func stampedSum(p string) (sum [sha256.Size]byte, stamp atomicfile.Stamp, err error) {
	fh, err := os.Open(p)
	if err != nil {
		return sum, stamp, err
	}
	defer fh.Close()
	if fi, err := fh.Stat(); err == nil {
		stamp, _ = atomicfile.StampOf(fi)
	}
	h := sha256.New()
	if err := copyFile(h, fh); err != nil {
		return sum, stamp, err
	}
	h.Sum(sum[:0])
	return sum, stamp, nil
}

// copyFile copies fh to w through a pooled buffer: io.Copy from an
// *os.File would allocate 32 KB for each file (3.2 GB, a tenth of build's
// processor time in the collector, checking a previous bundle of 100,000
// entries).
func copyFile(w io.Writer, fh *os.File) error {
	buf := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(buf)
	_, err := io.CopyBuffer(w, onlyReader{fh}, *buf)
	return err
}

// readBuffers hold the buffers files are read through.
var readBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// onlyReader hides the WriteTo of a file, so that io.CopyBuffer uses the
// buffer it is given.
type onlyReader struct{ io.Reader }

// mkdirs makes the folders of rel under the staging folder with mode
// 0755 whatever the umask, each once.
func (st *stager) mkdirs(rel string) error {
	if rel == "." {
		return nil
	}
	st.mu.Lock()
	done := st.dirs[rel]
	st.mu.Unlock()
	if done {
		return nil
	}
	if err := st.mkdirs(path.Dir(rel)); err != nil {
		return err
	}
	p := filepath.Join(st.dir, filepath.FromSlash(rel))
	if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	} else if err == nil {
		if err := os.Chmod(p, 0o755); err != nil {
			return err
		}
	}
	st.mu.Lock()
	st.dirs[rel] = true
	st.mu.Unlock()
	return nil
}

// sumsFile renders SumsFile in `sha256sum -c` format, names sorted.
func (st *stager) sumsFile() []byte {
	var sb bytes.Buffer
	for _, name := range slices.Sorted(maps.Keys(st.placed)) {
		fmt.Fprintf(&sb, "%x  %s\n", st.placed[name].sum, name)
	}
	return sb.Bytes()
}

// checkName refuses a name that could leave the bundle or hide in it.
func checkName(name string) error {
	if name == "" || path.Clean(name) != name || path.IsAbs(name) || name == ".." || strings.HasPrefix(name, "../") ||
		strings.ContainsRune(name, '\\') || name == SumsFile || name == MarkerFile || !printable.OK(name) {
		return fmt.Errorf("file name %q is not a plain relative path in the bundle", name)
	}
	return nil
}

// exchange, rename and removeOld are replaced by tests, to run the
// fallback and the failures no test can cause for real (as root).
var (
	exchange  = atomicfile.Exchange
	rename    = os.Rename
	removeOld = removeBundle
)

// targetLost says that target is missing after a failed swap: the
// previous bundle, moved aside, could not be put back (recoverLeftovers
// puts it back on the next build).
type targetLost struct {
	err   error
	aside string
}

func (e *targetLost) Error() string { return e.err.Error() }
func (e *targetLost) Unwrap() error { return e.err }

// swap puts staging in target's place and returns where the previous
// bundle is then, "" for none. With an existing target the two are
// exchanged in one step, so target is never missing; the previous bundle
// is then at staging's name. Where the system cannot exchange, the
// previous bundle is renamed aside first (recoverLeftovers puts it back
// if the process dies in between) and stays there: once the new bundle
// is in place, no step is left that could fail and make an error say
// that target is unchanged. An error other than targetLost means target
// is unchanged.
func swap(staging, target string, exists bool) (oldAt string, err error) {
	if !exists {
		return "", rename(staging, target)
	}
	err = exchange(staging, target)
	if !errors.Is(err, errors.ErrUnsupported) {
		if err != nil {
			return "", err
		}
		return staging, nil
	}
	aside := strings.Replace(staging, ".tmp-", ".old-", 1)
	if err := rename(target, aside); err != nil {
		return "", err
	}
	if err := rename(staging, target); err != nil {
		if back := rename(aside, target); back != nil {
			return "", &targetLost{err: errors.Join(err, back), aside: aside}
		}
		return "", err
	}
	return aside, nil
}

// inspect says what target holds: nil for nothing (absent or an empty
// folder, which a rename replaces), else the files of a recognised
// bundle. Anything else is refused.
func inspect(target string) (map[string]prevFile, error) {
	fi, err := os.Lstat(target)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%w to %s: it is %s, not a folder; nothing was changed", ErrRefused, printable.Quote(target), atomicfile.Kind(fi.Mode()))
	}
	des, err := os.ReadDir(target)
	if err != nil {
		return nil, err
	}
	if len(des) == 0 {
		return map[string]prevFile{}, nil
	}
	files, err := recognise(target, time.Now())
	if err != nil {
		return nil, fmt.Errorf("%w to %s: %w; nothing was changed (write to an empty or new folder, or move the folder away)", ErrRefused, printable.Quote(target), err)
	}
	return files, nil
}

// Recognise checks that dir is a bundle that Write wrote and nobody
// changed since: it holds MarkerFile and SumsFile, every other file is
// listed in SumsFile with its checksum, every folder holds such a file,
// and nothing else is there. It returns the listed files by name, with their sums.
func Recognise(dir string) (map[string]string, error) {
	files, err := recognise(dir, time.Now())
	if err != nil {
		return nil, err
	}
	listed := make(map[string]string, len(files))
	for name, f := range files {
		listed[name] = hex.EncodeToString(f.sum[:])
	}
	return listed, nil
}

// recognise is Recognise, which keeps each file's checksum in binary and
// its stamp before it was read, if it had settled by now
// (atomicfile.Stamp.Settled).
func recognise(dir string, now time.Time) (map[string]prevFile, error) {
	marker, err := os.ReadFile(filepath.Join(dir, MarkerFile))
	if err != nil || !bytes.HasPrefix(marker, []byte(markerLine+"\n")) {
		return nil, fmt.Errorf("it is not a bundle errref wrote (no %s)", MarkerFile)
	}
	sums, err := os.ReadFile(filepath.Join(dir, SumsFile))
	if err != nil {
		return nil, fmt.Errorf("it has no %s", SumsFile)
	}
	listed := map[string]prevFile{}
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		// Only the name is kept, not the line (100,000 files: 13 MB).
		sum, name, ok := bytes.Cut(sc.Bytes(), []byte("  "))
		var f prevFile
		if n, err := hex.Decode(f.sum[:], sum); !ok || err != nil || n != len(f.sum) || len(sum) != 2*len(f.sum) ||
			(string(name) != MarkerFile && checkName(string(name)) != nil) {
			return nil, fmt.Errorf("%s: line %q is not `sha256sum` output", SumsFile, sc.Text())
		}
		listed[string(name)] = f
	}
	var rels []string // the files to check, in walk order
	var dirs []string // the folders, which must hold a listed file
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel := filepath.ToSlash(p[len(dir)+1:])
		if d.IsDir() {
			dirs = append(dirs, rel)
			return nil
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("it holds %s, which is %s", printable.Quote(rel), atomicfile.Kind(d.Type()))
		}
		if rel == SumsFile {
			return nil
		}
		if _, ok := listed[rel]; !ok {
			return fmt.Errorf("it holds %s, which errref did not write", printable.Quote(rel))
		}
		rels = append(rels, rel)
		return nil
	})
	if err == nil {
		holding := map[string]bool{} // the folders that hold a listed file
		for _, rel := range rels {
			for d := path.Dir(rel); d != "." && !holding[d]; d = path.Dir(d) {
				holding[d] = true
			}
		}
		for _, d := range dirs {
			if !holding[d] {
				err = fmt.Errorf("it holds %s, a folder errref did not write", printable.Quote(d+"/"))
				break
			}
		}
	}
	if err == nil {
		err = checkSums(dir, rels, listed, now)
	}
	if err != nil {
		return nil, err
	}
	return listed, nil
}

// checkSums checks the files rels under dir against their listed sums,
// GOMAXPROCS at a time, and reports the first mismatch in the order of
// rels. It keeps in listed the stamps of the files that had settled by
// now.
func checkSums(dir string, rels []string, listed map[string]prevFile, now time.Time) error {
	stamps := make([]atomicfile.Stamp, len(rels))
	err := parallel(len(rels), func(i int) error {
		h, stamp, err := stampedSum(filepath.Join(dir, filepath.FromSlash(rels[i])))
		if err == nil && h != listed[rels[i]].sum {
			err = fmt.Errorf("%s was changed since errref wrote it (%s)", printable.Quote(rels[i]), SumsFile)
		}
		stamps[i] = stamp
		return err
	})
	if err != nil {
		return err
	}
	for i, rel := range rels {
		if s := stamps[i]; s != (atomicfile.Stamp{}) && s.Settled(now) {
			f := listed[rel]
			f.stamp, f.settled = s, true
			listed[rel] = f
		}
	}
	return nil
}

// parallel runs f(0) … f(n-1), GOMAXPROCS at a time, and returns the
// error of the lowest i that failed, so that which failure is reported
// does not depend on timing.
func parallel(n int, f func(i int) error) error {
	return parallelN(runtime.GOMAXPROCS(0), n, f)
}

// parallelIO is parallel for calls that mostly wait on the file system:
// more of them than cores keep the disk and the cores busy.
func parallelIO(n int, f func(i int) error) error {
	return parallelN(4*runtime.GOMAXPROCS(0), n, f)
}

// parallelN is parallel, k at a time.
func parallelN(k, n int, f func(i int) error) error {
	errs := make([]error, n)
	sem := make(chan struct{}, k)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			errs[i] = f(i)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// removeBundle deletes a folder that Write staged or replaced, keeping
// the marker until last, so that a removal cut short leaves a folder that
// recoverLeftovers still recognises. The folders are made writable first:
// the bundle is errref's own, even if someone made it read-only. Files
// are removed several at a time (10,000 unlinks in one folder of ext4:
// 198 ms one by one, 67-82 ms from 2-8 workers; creating files, by
// contrast, slows down side by side), then the folders, deepest first.
func removeBundle(dir string) error {
	var files, dirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			dirs = append(dirs, p)
			return os.Chmod(p, 0o755)
		case p != filepath.Join(dir, MarkerFile):
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := parallelIO(len(files), func(i int) error { return os.Remove(files[i]) }); err != nil {
		return err
	}
	for _, d := range slices.Backward(dirs[1:]) { // WalkDir lists a folder before what it holds
		if err := os.Remove(d); err != nil {
			return err
		}
	}
	if err := os.Remove(filepath.Join(dir, MarkerFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.Remove(dir)
}

// recoverLeftovers undoes what a killed build left beside target: a
// previous bundle moved aside (only where Exchange is unsupported) goes
// back when target is missing; staging folders are removed. A folder is
// touched only when it is empty or holds the marker. A leftover that
// cannot be removed (someone else's files in it) is reported to warn and
// left: it does not stop this build, and the next one tries again. A
// previous bundle that cannot be put back stops the build.
func recoverLeftovers(parent, base string, warn func(string)) error {
	des, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	target := filepath.Join(parent, base)
	for _, de := range des {
		name := de.Name()
		aside := strings.HasPrefix(name, "."+base+".old-")
		if !de.IsDir() || !(aside || strings.HasPrefix(name, "."+base+".tmp-")) {
			continue
		}
		p := filepath.Join(parent, name)
		if aside {
			if _, err := os.Lstat(target); errors.Is(err, fs.ErrNotExist) {
				if _, err := Recognise(p); err == nil {
					if err := os.Rename(p, target); err != nil {
						return err
					}
					continue
				}
			}
		}
		if _, err := os.Lstat(filepath.Join(p, MarkerFile)); err != nil {
			if des, err := os.ReadDir(p); err != nil || len(des) > 0 {
				continue // not ours to remove
			}
		}
		if err := removeOld(p); err != nil {
			if warn == nil {
				return err
			}
			warn(fmt.Sprintf("could not remove %s, left by an earlier build: %v; remove it yourself", printable.Quote(p), err))
		}
	}
	return nil
}

// checkPlace refuses targets that are or hold the checkout or a source
// folder, before anything is written.
func (w Writer) checkPlace(target string) error {
	t, err := resolve(target)
	if err != nil {
		return err
	}
	for _, p := range w.Protect {
		rp, err := resolve(p)
		if err != nil {
			return err
		}
		if within(rp, t) {
			return fmt.Errorf("%w to %s: it is or holds the checkout %s; nothing was changed", ErrRefused, printable.Quote(target), printable.Quote(rp))
		}
	}
	for _, s := range w.Sources {
		rs, err := resolve(s)
		if err != nil {
			return err
		}
		if within(rs, t) || within(t, rs) {
			return fmt.Errorf("%w to %s: it is, holds or is inside the source folder %s; nothing was changed", ErrRefused, printable.Quote(target), printable.Quote(rs))
		}
	}
	return nil
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// resolve makes p absolute with every symbolic link of its existing part
// resolved, so that two names of one folder compare equal.
func resolve(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			slices.Reverse(rest)
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		parent := filepath.Dir(p)
		if parent == p {
			return p, nil
		}
		rest = append(rest, filepath.Base(p))
		p = parent
	}
}
