package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestGCLimit(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live      uint64
		limit     int64
		situation string
	}{
		{0, gcBudget, "nothing live yet: the budget"},
		{150 * mb, gcBudget, "the budget still holds 1.6 times the live heap"},
		{300 * mb, 480 * mb, "a live heap past the budget: 1.6 times it, never a limit it cannot keep"},
	} {
		if got := gcLimit(c.live); got != c.limit {
			t.Errorf("%s: gcLimit(%d MB) = %d MB, want %d MB", c.situation, c.live/mb, got/mb, c.limit/mb)
		}
	}
}

func TestTuneGCLeavesTheRuntimeAsItFoundIt(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	stop := tuneGC()
	if got := debug.SetGCPercent(gcPercent); got != gcPercent {
		t.Errorf("while tuning, GOGC = %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != gcBudget {
		t.Errorf("while tuning, with a small live heap, the memory limit is %d, want %d", got, gcBudget)
	}
	stop()
	if got := debug.SetGCPercent(-1); got != 100 {
		t.Errorf("after stop, GOGC = %d, want 100", got)
	}
	debug.SetGCPercent(100)
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("after stop, the memory limit is %d, want none", got)
	}
}

func TestTuneGCRespectsTheEnvironment(t *testing.T) {
	t.Setenv("GOGC", "50")
	debug.SetGCPercent(50)
	defer debug.SetGCPercent(100)
	tuneGC()()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("with GOGC=50 set, the build changed GOGC to %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("with GOGC=50 set, the build set a memory limit of %d", got)
	}
}
