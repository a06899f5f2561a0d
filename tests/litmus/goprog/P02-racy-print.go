// A goroutine writes x while main reads it without synchronization: main prints 0 or 1,
// and the read races with the write. time.Sleep orders nothing.
package main

import (
	"fmt"
	"time"
)

var x int

func main() {
	go func() {
		x = 1
	}()
	time.Sleep(time.Millisecond)
	fmt.Println(x)
}
