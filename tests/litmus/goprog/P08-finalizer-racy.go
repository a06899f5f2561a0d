// finalizer.go without the runtime.KeepAlive: main writes the object's field after
// SetFinalizer, and nothing orders that write before the finalizer's read. The Go memory
// model's only edge is "SetFinalizer(x, f) is synchronized before f(x)"; that the object is
// still reachable at the write is the collector's business, not an edge. So the write and the
// finalizer's read race, and the finalizer may see 0 or 42. Main prints what it saw, or -1.
// Go's race detector does not report this race (its finalizer goroutine synchronizes with
// everything before it, as Go's own TestNoRaceFin expects), so this program is a fixture and
// not one of examples/go/, whose racy programs `memlit run --race` must see flagged.
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
