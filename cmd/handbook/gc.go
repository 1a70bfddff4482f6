package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync/atomic"
)

// A build's live heap grows as it reads the pages and is mostly still live
// at the end. At the default GOGC=100 the collector runs each time the heap
// doubles, some thirty times at 10,000 pages, marking the same pages again
// and again. A build instead collects when the heap has grown by three
// times the live heap (GOGC=300), a third as often, under a soft memory
// limit of gcBudget, or of 1.6 times the live heap if that is more: the
// budget holds a large site's peak, and 1.6 times the live heap keeps a
// site whose pages alone pass the budget from being collected more than
// about twice as often as by default. The limit counts the runtime's own
// memory, not the program's code and data, which add some 17 MB to the
// resident set: a budget of 265 MB keeps a 10,000-page build's peak at
// about 282 MB, under 300 MB with room to spare, for about 2% more CPU
// than 280 MB (and a peak of 297 MB).
const (
	gcPercent = 300
	gcBudget  = 265 << 20
)

// tuneGC paces the collector as above, setting the limit anew after every
// collection, until the returned func is called. It is for a build: the dev
// server keeps the default pace. GOGC or GOMEMLIMIT in the environment
// leave the runtime as they set it.
func tuneGC() (stop func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	t := &gcTuner{sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetGCPercent(gcPercent)
	t.tune()
	t.arm()
	return func() {
		t.stopped.Store(true)
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

type gcTuner struct {
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

func (t *gcTuner) tune() {
	metrics.Read(t.sample)
	live := uint64(0)
	if s := t.sample[0]; s.Value.Kind() == metrics.KindUint64 {
		live = s.Value.Uint64()
	}
	debug.SetMemoryLimit(gcLimit(live))
}

// gcLimit is the soft memory limit for a live heap of live bytes.
func gcLimit(live uint64) int64 { return int64(max(gcBudget, live*8/5)) }
