package action

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Issue 8 item 7: a secondary rate limit without Retry-After waits at
// least a minute, then exponentially longer, within the timeout input.
func TestSecondaryLimitWithoutRetryAfterBacksOffFromAMinute(t *testing.T) {
	for _, kind := range []string{"secondary403-bare", "429-bare"} {
		t.Run(kind, func(t *testing.T) {
			f := newSampleServer(t, appToken)
			f.addFault("GET", `/files$`, kind, 0)
			f.addFault("GET", `/files$`, kind, 0)
			r := runAction(t, f, nil)
			require.NoError(t, r.err)
			assert.Len(t, f.published(), 1)
			var limits []time.Duration
			for _, d := range f.clock.sleeps() {
				if d >= time.Minute {
					limits = append(limits, d)
				}
			}
			// The first sleep is runAction's minute between runs.
			assert.Equal(t, []time.Duration{time.Minute, time.Minute, 2 * time.Minute}, limits)
		})
	}
	t.Run("beyond the timeout", func(t *testing.T) {
		f := newSampleServer(t, appToken)
		for i := 0; i < 4; i++ {
			f.addFault("GET", `/files$`, "secondary403-bare", 0)
		}
		r := runAction(t, f, map[string]string{"timeout": "5m"})
		require.Error(t, r.err)
		assert.Contains(t, r.err.Error(), "would pass the timeout input")
		f.mu.Lock()
		f.blockUntil = time.Time{}
		f.mu.Unlock()
	})
}
