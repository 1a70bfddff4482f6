package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestPace(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live      uint64
		gogc      int
		limit     int64
		situation string
	}{
		{0, -1, gcFloor, "nothing live yet: wait for the floor"},
		{gcFloor/3 - 1, -1, gcFloor, "a third of the floor: each collection still frees two thirds"},
		{gcFloor / 3, 100, gcBudget, "default pacing under the budget"},
		{150 * mb, 100, gcBudget, "the budget still holds 1.6 times the live heap"},
		{300 * mb, 100, 480 * mb, "a live heap past the budget: 1.6 times it, never a limit it cannot keep"},
	} {
		gogc, limit := pace(c.live, gcFloor)
		if gogc != c.gogc || limit != c.limit {
			t.Errorf("%s: pace(%d MB) = GOGC %d, limit %d MB; want %d, %d MB", c.situation, c.live/mb, gogc, limit/mb, c.gogc, c.limit/mb)
		}
	}
}

func TestTuneGCLeavesTheRuntimeAsItFoundIt(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	stop := tuneGC(gcFloor)
	if got := debug.SetGCPercent(-1); got != -1 {
		t.Errorf("while tuning, with nothing live, GOGC = %d, want off (-1)", got)
	}
	if got := debug.SetMemoryLimit(-1); got != gcFloor {
		t.Errorf("while tuning, with nothing live, the memory limit is %d, want %d", got, gcFloor)
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
	tuneGC(gcFloor)()
	if got := debug.SetGCPercent(50); got != 50 {
		t.Errorf("with GOGC=50 set, the build changed GOGC to %d", got)
	}
}
