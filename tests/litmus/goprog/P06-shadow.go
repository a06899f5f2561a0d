// P05 with the fix Go programs used before Go 1.22: `i := i` declares, in the loop body's
// block, a new i per round, so each func literal captures its own copy, which nobody writes
// later: the goroutines add 0 and 1 and nothing races. The if statement's `x := x * 10`
// declares a new x (50) in the statement's block, which replaces the sum, while main's x
// stays 5: every execution prints `50 5`.
package main

import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup
var mu sync.Mutex
var sum int

func main() {
	x := 5
	for i := 0; i < 2; i++ {
		i := i
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			sum += i
			mu.Unlock()
		}()
	}
	wg.Wait()
	if x := x * 10; x > sum {
		sum = x
	}
	fmt.Println(sum, x)
}
