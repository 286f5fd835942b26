// Package fanout runs independent jobs on every core the process may use:
// the engine judges files, and the classifier reads them, this way.
package fanout

import (
	"runtime"
	"sync"
)

// Each calls job(i) for every i in [0, n), on up to GOMAXPROCS goroutines,
// and returns when all have returned. Jobs must not depend on each other's
// order; each writes only what belongs to its own i. With one core, or one
// job, they run in order on the calling goroutine.
func Each(n int, job func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			job(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				job(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
