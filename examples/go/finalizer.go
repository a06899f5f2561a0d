// A finalizer, Go's "freeing": main gives a fresh object a finalizer, writes its field after
// SetFinalizer, and keeps the object alive past that write with runtime.KeepAlive, so the
// finalizer cannot run before the write: when it runs it sees 42. It reports through a
// buffered channel that main polls once; a finalizer may run late or never, so main prints
// 42 (it ran in time) or -1. Race-free. (finalizer-racy.go leaves out the KeepAlive.)
package main

import (
	"fmt"
	"runtime"
	"time"
)

// Two words: Go's tiny allocator batches smaller pointer-free objects and may never finalize them.
type Obj struct {
	v, w int
}

var done = make(chan int, 1)

func main() {
	p := new(Obj)
	runtime.SetFinalizer(p, func(q *Obj) {
		done <- q.v
	})
	p.v = 42
	runtime.KeepAlive(p)
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	seen := -1
	select {
	case v := <-done:
		seen = v
	default:
	}
	fmt.Println(seen)
}
