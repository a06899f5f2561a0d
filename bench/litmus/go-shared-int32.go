// Bench (docs/performance.md, "widths in integer arithmetic"): a goroutine increments a shared
// int32 at its maximum under a mutex (the increment wraps) and doubles a uint64 past 2^64 while
// main divides it; under --engine z3 the wrapping cost over 120 s before integer masks.
package main

import (
	"fmt"
	"sync"
)

var u uint64
var s int32
var wg sync.WaitGroup
var mu sync.Mutex

func main() {
	u = uint64(1) << 63
	s = 2147483647
	wg.Add(1)
	go func() {
		mu.Lock()
		u = u + u - 1
		s++
		mu.Unlock()
		wg.Done()
	}()
	mu.Lock()
	v := u / 3
	t := s
	mu.Unlock()
	wg.Wait()
	fmt.Println(v, t, u%7, s)
}
