#include "runner/GoRuntime.hpp"

namespace memlit::runner {

// Protocol (stdout) as the C++ harness's (HarnessRuntime.cpp): `memlit-harness 1`,
// `threads T cpus C pinned P`, `state COUNT V...` (as they come: a state may repeat), `iterations N`,
// `seconds S`, `end`.
const char* goHarnessRuntime() {
    return R"GO(
// ---- memlit runtime ----
//
// Every round, main resets the instances and opens the round; each worker runs its goroutine's
// body on every instance in order, and main collects one final state per instance. The
// harness's own synchronization, and what the race detector sees of it:
//   - main opens a round by a send on each worker's memlitStart channel: main's reset happens
//     before the round. (A blocked worker is readied by the send, which also wakes an idle P
//     for it: workers that only spun between rounds could end up sharing one P.)
//   - every goroutine of the round (the workers and each goroutine a go statement of the test
//     starts) ends with memlitDone.Done(), and main's memlitDone.Wait() returns after all of
//     them. Done only releases, so it orders each goroutine before main's next reset, never
//     one goroutine before another.
//   - within a round the workers line up before every memlitSyncEvery-th instance, so that
//     they run one instance at about the same time. The lines live in memory from mmap, outside
//     the Go heap: the race detector neither checks accesses there nor sees synchronization
//     through them (runtime/race_amd64.s: racecalladdr, racecallatomic_ignore).
// So within a round, neither the model nor the race detector sees an order between two
// goroutines that the test does not create. Workers spin only on those lines: spinning on a
// tracked variable would flood the race detector's per-goroutine history, and it drops a race
// whose earlier access has left that history.

var memlitInsts []memlitInst
var memlitCount int // instances in use this round, written before the round opens
var memlitSyncEvery int
var memlitSpinLimit int
var memlitStart [memlitWorkers]chan struct{}
var memlitDone sync.WaitGroup
var memlitLines []byte       // mmap: 64 bytes for each worker's line
var memlitRound atomic.Int64 // for the watchdog
var memlitBegin time.Time
var memlitRoundBegan atomic.Int64 // nanoseconds since memlitBegin (+1) when the round opened; 0 between rounds

func memlitLine(i int) *atomic.Int64 {
	return (*atomic.Int64)(unsafe.Pointer(&memlitLines[i*64]))
}

// memlitWaitLine spins until line l reaches v; now and then it lets other goroutines run and
// yields the CPU, which a worker that is not running may be waiting for.
func memlitWaitLine(l *atomic.Int64, v int64) {
	for spins := 0; l.Load() < v; spins++ {
		if spins >= memlitSpinLimit {
			runtime.Gosched()
			syscall.Syscall(syscall.SYS_SCHED_YIELD, 0, 0, 0)
			spins = 0
		}
	}
}

// memlitCPUs are the CPUs the process may run on (sched_getaffinity), in order.
func memlitCPUs() []int {
	var mask [16]uint64
	var cpus []int
	if _, _, e := syscall.RawSyscall(syscall.SYS_SCHED_GETAFFINITY, 0, unsafe.Sizeof(mask),
		uintptr(unsafe.Pointer(&mask))); e != 0 {
		return nil
	}
	for i := 0; i < len(mask)*64; i++ {
		if mask[i/64]>>(i%64)&1 != 0 {
			cpus = append(cpus, i)
		}
	}
	return cpus
}

// memlitPin runs the calling goroutine on its own thread, bound to CPU cpu: workers on CPUs of
// their own run at the same time even when other processes compete for the machine.
func memlitPin(cpu int) {
	runtime.LockOSThread()
	var mask [16]uint64
	mask[cpu/64] |= 1 << (cpu % 64)
	syscall.RawSyscall(syscall.SYS_SCHED_SETAFFINITY, 0, unsafe.Sizeof(mask), uintptr(unsafe.Pointer(&mask)))
}

// memlitWorker runs one declared goroutine's body on every instance of every round.
func memlitWorker(t int, body func(*memlitInst), cpu int) {
	if cpu >= 0 {
		memlitPin(cpu)
	}
	var line int64
	for range memlitStart[t] {
		n := memlitCount
		for k := 0; k < n; k++ {
			if k%memlitSyncEvery == 0 {
				line++
				memlitLine(t).Store(line)
				for u := 0; u < memlitWorkers; u++ {
					memlitWaitLine(memlitLine(u), line)
				}
			}
			body(&memlitInsts[k])
		}
		memlitDone.Done()
	}
}

// memlitWatchdog ends the program when a round runs longer than limit: some goroutine of the
// test waits for something that never comes (Go would otherwise hang, or report a deadlock only
// once every goroutine is blocked).
func memlitWatchdog(limit time.Duration) {
	tick := limit / 10
	if tick < time.Millisecond {
		tick = time.Millisecond
	}
	for {
		time.Sleep(tick)
		began := memlitRoundBegan.Load()
		if began != 0 && time.Since(memlitBegin)-time.Duration(began-1) > limit {
			fmt.Fprintf(os.Stderr, "memlit-harness: blocked: round %d did not finish within %v\n",
				memlitRound.Load(), limit)
			os.Exit(3)
		}
	}
}

func memlitInt(v any) int64 {
	switch t := v.(type) {
	case bool:
		if t {
			return 1
		}
		return 0
	case int:
		return int64(t)
	case int8:
		return int64(t)
	case int16:
		return int64(t)
	case int32:
		return int64(t)
	case int64:
		return t
	case uint:
		return int64(t)
	case uint8:
		return int64(t)
	case uint16:
		return int64(t)
	case uint32:
		return int64(t)
	case uint64:
		return int64(t)
	case uintptr:
		return int64(t)
	}
	if p, ok := memlitPointer(v); ok {
		if p {
			panic("memlit: cannot observe a non-nil pointer")
		}
		return 0
	}
	panic(fmt.Sprintf("memlit: cannot observe a value of type %T", v))
}

func main() {
	n := flag.Int64("n", 0, "iterations (0: until -s runs out)")
	s := flag.Float64("s", 1, "seconds (0: until -n runs out)")
	a := flag.Int("a", 1000, "instances per round")
	k := flag.Int("k", 32, "instances between two start lines")
	t := flag.Float64("t", 5, "seconds a round may take before the test counts as blocked")
	pin := flag.Bool("pin", true, "pin each worker to a CPU of its own when there are enough")
	flag.Parse()
	if (*n <= 0 && *s <= 0) || *a < 1 || *k < 1 || *t <= 0 {
		fmt.Fprintln(os.Stderr, "usage: harness [-n ITERATIONS] [-s SECONDS] [-a INSTANCES] [-k SYNC_EVERY] [-t ROUND_TIMEOUT]")
		os.Exit(2)
	}
	var err error
	memlitLines, err = syscall.Mmap(-1, 0, 64*memlitWorkers, syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		fmt.Fprintln(os.Stderr, "memlit-harness: mmap:", err)
		os.Exit(4)
	}
	instances := int64(*a)
	if *n > 0 && *n < instances {
		instances = *n
	}
	memlitInsts = make([]memlitInst, instances)
	memlitSyncEvery = *k
	cpus := memlitCPUs()
	pinned := *pin && memlitWorkers <= len(cpus) && memlitWorkers <= runtime.GOMAXPROCS(0)
	memlitSpinLimit = 1 << 12
	if memlitWorkers > runtime.GOMAXPROCS(0) {
		memlitSpinLimit = 8
	}
	memlitBegin = time.Now()
	go memlitWatchdog(time.Duration(*t * float64(time.Second)))
	for i, body := range memlitBodies {
		memlitStart[i] = make(chan struct{}, 1)
		cpu := -1
		if pinned {
			cpu = cpus[i]
		}
		go memlitWorker(i, body, cpu)
	}
	pinnedFlag := 0
	if pinned {
		pinnedFlag = 1
	}
	// The header first and the counts as they come (every tenth of a second): a round that
	// panics or blocks ends the program, and memlit keeps the counts printed before it.
	fmt.Printf("memlit-harness 1\nthreads %d cpus %d pinned %d\n", memlitThreads, runtime.NumCPU(), pinnedFlag)
	hist := make(map[[memlitNObs]int64]uint64)
	flush := func() {
		for key, c := range hist {
			fmt.Printf("state %d", c)
			for _, v := range key {
				fmt.Printf(" %d", v)
			}
			fmt.Println()
		}
		hist = make(map[[memlitNObs]int64]uint64)
		os.Stdout.Sync()
	}
	lastFlush := time.Now()
	var done, round int64
	for (*n <= 0 || done < *n) && (*s <= 0 || time.Since(memlitBegin).Seconds() < *s) {
		count := instances
		if *n > 0 && *n-done < count {
			count = *n - done
		}
		for i := int64(0); i < count; i++ {
			memlitReset(&memlitInsts[i])
		}
		memlitCount = int(count)
		memlitDone.Add(memlitWorkers)
		round++
		memlitRoundBegan.Store(int64(time.Since(memlitBegin)) + 1)
		memlitRound.Store(round)
		for _, c := range memlitStart {
			c <- struct{}{}
		}
		memlitDone.Wait()
		memlitRoundBegan.Store(0)
		for i := int64(0); i < count; i++ {
			in := &memlitInsts[i]
			memlitFinal(in)
			hist[in.memlitObs]++
		}
		done += count
		if time.Since(lastFlush) > 100*time.Millisecond {
			flush()
			lastFlush = time.Now()
		}
	}
	elapsed := time.Since(memlitBegin).Seconds()
	flush()
	fmt.Printf("iterations %d\nseconds %.6f\nend\n", done, elapsed)
}
)GO";
}

}  // namespace memlit::runner
