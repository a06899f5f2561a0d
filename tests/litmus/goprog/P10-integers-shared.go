// Go's integer types on shared variables: the goroutine's int32 increment wraps to its minimum,
// its uint8 sum wraps past 255 and its uint64 doubling past 2^64; main reads each once, racing
// with the goroutine (the int32 atomically), and prints the old or the new value of each,
// converted, compared, shifted and divided as its type says.
package main

import (
	"fmt"
	"sync/atomic"
)

var s int32 = 2147483647
var b uint8 = 200
var big uint64

func main() {
	big = uint64(1) << 63
	go func() {
		atomic.AddInt32(&s, 1)
		b += 100
		big = big + big - 1
	}()
	t := atomic.LoadInt32(&s)
	c := b
	u := big
	fmt.Println(t, t < 0, int8(c)>>1, c/3, u/3, u%7, u >= uint64(1)<<63, uint8(t)+c)
}
