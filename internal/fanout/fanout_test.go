package fanout

import (
	"runtime"
	"slices"
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

func TestEachLargestFirstRunsEveryJobOnce(t *testing.T) {
	for _, procs := range []int{1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		for _, n := range []int{0, 1, 2, 100} {
			counts := make([]int32, n)
			EachLargestFirst(n, func(i int) int { return i % 7 }, func(i int) {
				atomic.AddInt32(&counts[i], 1)
			})
			for i, c := range counts {
				if c != 1 {
					t.Errorf("GOMAXPROCS %d, n %d: job %d ran %d times", procs, n, i, c)
				}
			}
		}
		runtime.GOMAXPROCS(prev)
	}
}

func TestLargestFirst(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sizes []int
		want  []int
	}{
		{"none", nil, []int{}},
		{"ascending", []int{1, 2, 3}, []int{2, 1, 0}},
		{"ties keep index order", []int{5, 9, 5, 9, 1}, []int{1, 3, 0, 2, 4}},
		{"already largest first", []int{9, 4, 1}, []int{0, 1, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := largestFirst(len(tc.sizes), func(i int) int { return tc.sizes[i] })
			if !slices.Equal(got, tc.want) {
				t.Errorf("largestFirst(%v) = %v, want %v", tc.sizes, got, tc.want)
			}
		})
	}
	if got := largestFirst(3, nil); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("largestFirst(3, nil) = %v, want index order", got)
	}
}
