// Double-checked locking done wrong: the first check of done is a plain read outside the
// lock, so a goroutine may see done == true and still read the old a. Prints 1 1, 1 0 or
// 0 1 (the asked output below is allowed), and the reads race with the writes.
//
// memlit: exists (0:out1=0 \/ 0:out2=0)
package main

import (
	"fmt"
	"sync"
)

var a int
var done bool
var mu sync.Mutex
var results = make(chan int, 2)

func get() int {
	if !done {
		mu.Lock()
		if !done {
			a = 1
			done = true
		}
		mu.Unlock()
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
