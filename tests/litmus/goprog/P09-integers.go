// Go's integer types: arithmetic on a variable wraps modulo 2^n (int32, int8, uint8, uint16),
// conversions truncate, >> of a signed value is arithmetic, uint64 compares and divides
// unsigned, and every compound assignment (+= ... &^=, ++, --) works on locals, globals,
// fields, elements and through pointers; atomic.AddInt32 wraps too. Every execution prints
// the same two lines as `go run`.
package main

import (
	"fmt"
	"sync/atomic"
)

type T struct {
	n int8
	m uint16
}

var counter int32 = 2147483647
var g uint8 = 250

func twice(v int32) int32 {
	return v * 2
}

func main() {
	atomic.AddInt32(&counter, 1)
	var x int32 = 2147483647
	x += 1
	x--
	y := twice(x)
	g += 10
	g <<= 1
	t := &T{n: 127, m: 65535}
	t.n++
	t.m += 2
	a := []uint8{255, 3}
	a[0]++
	a[1] *= 100
	p := new(uint16)
	*p = 1
	*p -= 2
	k := -7
	k >>= 1
	k /= 2
	k %= 3
	k |= 8
	k &= 12
	k ^= 5
	k &^= 4
	k <<= 3
	z := int16(40000 - 65536)
	z *= 2
	u := uint64(1) << 63
	w := u + u - 1
	fmt.Println(x, y, g, t.n, t.m, a[0], a[1], *p, k, z, counter)
	fmt.Println(u > 1, w/3, w%7, uint8(x), int32(u>>33), -g, ^g, x < 0)
}
