// A condition-variable queue: a consumer waits on a sync.Cond until the producer has put an
// item in the queue, then takes it. Signal happens before the Wait it ends, and both sides hold
// the lock, so the consumer always prints 42; race-free, no deadlock.
package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex
var ready = sync.NewCond(&mu)
var queue int
var count int

var wg sync.WaitGroup

func main() {

	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		queue = 42
		count = 1
		ready.Signal()
		mu.Unlock()
	}()
	mu.Lock()
	for count == 0 {
		ready.Wait()
	}
	item := queue
	count = 0
	mu.Unlock()
	wg.Wait()
	fmt.Println(item)
}
