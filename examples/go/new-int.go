// The primer's first example: x := new(int) allocates, a goroutine updates *x, and the
// WaitGroup orders that update before main's read. Every execution prints 11; race-free.
package main

import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup

func main() {
	x := new(int)
	*x = 10
	wg.Add(1)
	go func() {
		defer wg.Done()
		*x = *x + 1
	}()
	wg.Wait()
	fmt.Println(*x)
}
