// panic(...) in a function main calls: when the goroutine's atomic store is seen, check
// panics (no output); otherwise main prints 0.
package main

import (
	"fmt"
	"sync/atomic"
)

var flag atomic.Int32

func check(v int32) int32 {
	if v == 1 {
		panic("flag set")
	}
	return v
}

func main() {
	go func() {
		flag.Store(1)
	}()
	fmt.Println(check(flag.Load()))
}
