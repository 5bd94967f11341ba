package auth

import (
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Throttle limits attempts per key (an email address), so that passwords
// cannot be guessed at speed. It is per process: with N processes an
// attacker gets N times the allowance, still far too little to matter.
type Throttle struct {
	mu      sync.Mutex
	every   time.Duration
	burst   int
	buckets map[string]*bucket
}

type bucket struct {
	lim  *rate.Limiter
	seen time.Time
}

// maxThrottleKeys bounds the memory a flood of distinct keys can take.
const maxThrottleKeys = 100_000

// NewThrottle allows burst attempts at once per key, then one per every.
func NewThrottle(every time.Duration, burst int) *Throttle {
	return &Throttle{every: every, burst: burst, buckets: map[string]*bucket{}}
}

// Allow reports whether one more attempt for key may go ahead now.
func (t *Throttle) Allow(key string) bool {
	key = strings.ToLower(strings.TrimSpace(key))
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	b, ok := t.buckets[key]
	if !ok {
		if len(t.buckets) >= maxThrottleKeys {
			t.prune(now)
		}
		b = &bucket{lim: rate.NewLimiter(rate.Every(t.every), t.burst)}
		t.buckets[key] = b
	}
	b.seen = now
	return b.lim.AllowN(now, 1)
}

// prune drops keys whose bucket has refilled (idle long enough).
func (t *Throttle) prune(now time.Time) {
	full := t.every * time.Duration(t.burst)
	for k, b := range t.buckets {
		if now.Sub(b.seen) > full {
			delete(t.buckets, k)
		}
	}
}
