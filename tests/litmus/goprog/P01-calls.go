// Functions, a method, a closure, defer and two results in one program: main prints
// 3 (add), 2 1 (swap), 2 (the closure's count) and 5 (the counter after Inc, under a
// deferred Unlock). One goroutine: one output.
package main

import (
	"fmt"
	"sync"
)

type Counter struct {
	n int
}

var mu sync.Mutex

func (c *Counter) Inc(by int) int {
	mu.Lock()
	defer mu.Unlock()
	c.n += by
	return c.n
}

func add(a, b int) int {
	return a + b
}

func swap(a, b int) (int, int) {
	return b, a
}

func main() {
	fmt.Println(add(1, 2))
	x, y := swap(1, 2)
	fmt.Println(x, y)
	count := 0
	bump := func() {
		count++
	}
	bump()
	bump()
	fmt.Println("count", count)
	c := &Counter{n: 4}
	fmt.Printf("%d\n", c.Inc(1))
}
