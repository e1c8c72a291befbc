package atomicfile

import (
	"io/fs"
	"time"
)

// A Stamp tells whether a file was written since it was last looked at
// without reading it: its inode, size and modification and change times.
// The change time is set by the kernel on every write, chmod and link and
// cannot be set back by a program, so an equal stamp taken later means
// the same bytes, provided the file had last changed a while before the
// first look: the kernel's clock ticks coarsely, and a write in the same
// tick as the change before it would leave the stamp as it was (git's
// "racily clean" files). Settled says whether that is so.
type Stamp struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // nanoseconds since the epoch
}

// StampOf is the stamp of fi, from Lstat or Stat; ok is false where the
// system does not give the change time, and a caller must read the file.
func StampOf(fi fs.FileInfo) (s Stamp, ok bool) { return stampOf(fi) }

// settleTime is how long before the first look a file must have last
// changed for its stamp to be trusted: far more than any kernel tick.
const settleTime = 2 * time.Second

// Settled reports whether the file had last changed well before now,
// the moment of the first look.
func (s Stamp) Settled(now time.Time) bool {
	return s.ctime < now.Add(-settleTime).UnixNano() && s.mtime < now.Add(-settleTime).UnixNano()
}
