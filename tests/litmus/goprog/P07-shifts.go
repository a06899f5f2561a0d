// Go's shifts: >> of a signed integer is arithmetic, of an unsigned one logical; a count of
// 64 or more leaves 0 or -1; a signed count that is negative at run time panics. main reads
// n after a WaitGroup, so the count k is always 1: every execution prints `-4 -1 4 -32 2`
// (the same as `go run`), race-free, and never panics.
package main

import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup
var n int

func main() {
	x := -8
	var v uint64 = 16
	wg.Add(1)
	go func() {
		defer wg.Done()
		n = 2
	}()
	wg.Wait()
	k := n - 1
	fmt.Println(x>>k, x>>(k+69), v>>2, x<<2, 1<<k)
}
