// The Go <= 1.21 loop-variable capture bug: each func literal shares the loop's one i, so
// the goroutines may see it after main's i++ (Go 1.19, installed here, has per-loop
// variables). The sum printed is 1 only if each sees its own round's i; it may be 1 to 4,
// and the reads race with i++. (go vet's loopclosure check looks only at a go statement
// that ends the loop body.)
//
// memlit: exists (0:out1=1)
package main

import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup
var mu sync.Mutex
var sum int

func main() {
	started := 0
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			sum += i
			mu.Unlock()
		}()
		started++
	}
	wg.Wait()
	fmt.Println(sum, started)
}
