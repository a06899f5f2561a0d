// A map written by two goroutines without a lock: a data race, and Go's run-time may stop
// the program with "fatal error: concurrent map writes". When both writes get through, main
// prints 2 (the map's length).
package main

import (
	"fmt"
	"sync"
)

var wg sync.WaitGroup

func main() {
	m := make(map[int]int)

	wg.Add(2)
	go func() {
		defer wg.Done()
		m[1] = 1
	}()
	go func() {
		defer wg.Done()
		m[2] = 2
	}()
	wg.Wait()
	fmt.Println(len(m))
}
