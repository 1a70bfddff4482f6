package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// gcFloor is the memory a build may use before collecting while its live
// heap is small. A build's live heap grows as it reads the pages; at the
// default GOGC=100 the collector runs each time the heap doubles, some
// thirty times at 10,000 pages, marking the same pages again and again
// while there is room to spare. See pace.
const gcFloor = 200 << 20

// gcBudget is the memory a build tries to stay within once its live heap
// is large (see pace).
const gcBudget = 280 << 20

// tuneGC sets the collector's pace after every collection (see pace) until
// the returned func is called, for a build: the dev server keeps its default
// pace, not to hold the floor's memory between rebuilds. GOGC or GOMEMLIMIT in the environment leave
// the runtime as they set it.
func tuneGC(floor uint64) (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	t := &gcTuner{floor: floor, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	t.tune()
	t.arm()
	return func() {
		t.stopped.Store(true)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

type gcTuner struct {
	floor   uint64
	sample  []metrics.Sample
	stopped atomic.Bool
}

// sentinel is garbage as soon as it is made: its finalizer runs after the
// next collection. It holds a pointer so that it is not a tiny allocation,
// whose finalizer may never run.
type sentinel struct{ t *gcTuner }

func (t *gcTuner) arm() {
	runtime.SetFinalizer(&sentinel{t}, func(s *sentinel) {
		if !s.t.stopped.Load() {
			s.t.tune()
			s.t.arm()
		}
	})
}

// tune paces the next collection by the live heap (see pace).
func (t *gcTuner) tune() {
	metrics.Read(t.sample)
	live := uint64(0)
	if s := t.sample[0]; s.Value.Kind() == metrics.KindUint64 {
		live = s.Value.Uint64()
	}
	gogc, limit := pace(live, t.floor)
	debug.SetGCPercent(gogc)
	debug.SetMemoryLimit(limit)
}

// pace returns GOGC and the memory limit for a live heap of live bytes.
// Under a third of floor, the collector waits until the process's memory
// reaches floor (GOGC off, a memory limit), freeing at least two thirds of
// the heap each time. Above, the default pacing returns, under a soft limit
// of gcBudget, or of 1.6 times the live heap if that is more, so that a
// large live heap is collected at most about twice as often as by default.
func pace(live, floor uint64) (gogc int, limit int64) {
	if live < floor/3 {
		return -1, int64(floor)
	}
	return 100, int64(max(gcBudget, live*8/5))
}
