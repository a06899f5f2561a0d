// Double-checked locking done right: done is an atomic.Bool, so a goroutine that sees it
// set also sees a = 1 (the Store is synchronized before the Load that observes it). Every
// execution prints 1 1; race-free.
//
// memlit: exists (0:out1=0 \/ 0:out2=0)
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var a int
var done atomic.Bool
var mu sync.Mutex
var results = make(chan int, 2)

func get() int {
	if !done.Load() {
		mu.Lock()
		defer mu.Unlock()
		if !done.Load() {
			a = 1
			done.Store(true)
		}
	}
	return a
}

func worker() {
	results <- get()
}

func main() {
	go worker()
	go worker()
	fmt.Println(<-results, <-results)
}
