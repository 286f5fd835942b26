package fanout

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestEachRunsEveryJobOnce(t *testing.T) {
	for _, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 100} {
			counts := make([]int32, n)
			var total atomic.Int32
			Each(n, func(i int) {
				atomic.AddInt32(&counts[i], 1)
				total.Add(1)
			})
			if int(total.Load()) != n {
				t.Errorf("GOMAXPROCS %d, n %d: %d jobs ran", procs, n, total.Load())
			}
			for i, c := range counts {
				if c != 1 {
					t.Errorf("GOMAXPROCS %d: job %d ran %d times", procs, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(prev)
	}
}
