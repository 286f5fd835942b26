// Package fanout runs independent jobs on every core the process may use:
// the engine judges files, and the classifier reads them, this way.
package fanout

import (
	"cmp"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Each calls job(i) for every i in [0, n), on up to GOMAXPROCS goroutines,
// and returns when all have returned. Jobs must not depend on each other's
// order; each writes only what belongs to its own i. With one core, or one
// job, they run in order on the calling goroutine.
func Each(n int, job func(i int)) {
	EachLargestFirst(n, nil, job)
}

// EachLargestFirst is Each handing out the jobs in order of size, largest
// first (ties in index order), so that the cores finish together: no core
// is left with a large job to do alone at the end. A nil size hands them
// out in index order. With one core they run in index order.
func EachLargestFirst(n int, size func(i int) int, job func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			job(i)
		}
		return
	}
	order := largestFirst(n, size)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				k := int(next.Add(1) - 1)
				if k >= n {
					return
				}
				job(order[k])
			}
		})
	}
	wg.Wait()
}

// largestFirst returns [0, n) in the order EachLargestFirst hands the jobs
// out: by size, largest first, ties (and every job, when size is nil) in
// index order.
func largestFirst(n int, size func(i int) int) []int {
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	if size == nil {
		return order
	}
	sizes := make([]int, n)
	for i := range sizes {
		sizes[i] = size(i)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(sizes[b], sizes[a]) })
	return order
}
