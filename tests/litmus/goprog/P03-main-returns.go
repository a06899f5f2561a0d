// main returns while a goroutine waits forever on a channel nobody sends to: the program
// ends with main, so that is not a leak, and main's output (1) is the only outcome.
package main

import "fmt"

var c = make(chan int)

func main() {
	go func() {
		<-c
	}()
	fmt.Println(1)
}
