package action

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/reviewbot/reviewbot/rules"
)

// FuzzReadConfig: any input values give a config or a one-line error,
// never a panic.
func FuzzReadConfig(f *testing.F) {
	f.Add("error", "COMMENT", "30", "fic", "true", "12", "10m", "a.md,docs/**/*.md", "warning", "", ".github/reviewbot.yml", "")
	f.Add("never", "REQUEST_CHANGES", "-1", "x", "maybe", "#0", "-5s", "../x", "loud", "me[bot]\n::x", "/etc/passwd", "../out.sarif")
	f.Fuzz(func(t *testing.T, failOn, event, maxC, fl, dry, pr, timeout, guidance, inlineLevel, botLogin, config, sarif string) {
		env := map[string]string{"INPUT_GITHUB-TOKEN": "t", "INPUT_FAIL-ON": failOn, "INPUT_REVIEW-EVENT": event,
			"INPUT_MAX-COMMENTS": maxC, "INPUT_FLOW": fl, "INPUT_DRY-RUN": dry, "INPUT_PR-NUMBER": pr,
			"INPUT_TIMEOUT": timeout, "INPUT_GUIDANCE": guidance, "INPUT_INLINE-LEVEL": inlineLevel,
			"INPUT_BOT-LOGIN": botLogin, "INPUT_CONFIG": config, "INPUT_SARIF-FILE": sarif}
		c, err := readConfig(func(k string) string { return env[k] })
		if err != nil {
			if c != nil {
				t.Fatal("config and error both returned")
			}
			return
		}
		if c.MaxComments < 0 || c.Timeout <= 0 || c.InlineLevel < rules.Notice || c.InlineLevel > rules.Error {
			t.Fatalf("accepted bad values: %+v", c)
		}
		if strings.ContainsAny(c.BotLogin, "\r\n") {
			t.Fatalf("accepted a bot-login with a line break: %q", c.BotLogin)
		}
		for _, g := range c.Guidance {
			if strings.HasPrefix(g, "/") || strings.Contains("/"+g+"/", "/../") {
				t.Fatalf("accepted guidance path %q", g)
			}
		}
	})
}

// FuzzDecodeState: a damaged or hostile state marker never panics.
func FuzzDecodeState(f *testing.F) {
	f.Add(encodeState(state{Findings: map[string]stateEntry{"0123456789abcdef": {Rule: "r", Path: "p"}}}))
	f.Add("<!-- reviewbot:state=!!! -->")
	f.Fuzz(func(t *testing.T, body string) {
		_ = decodeState(body)
	})
}

// FuzzLimitWait: any Retry-After or reset header gives a finite wait.
func FuzzLimitWait(f *testing.F) {
	f.Add("7", "0", "1700000000")
	f.Add("Wed, 21 Oct 2015 07:28:00 GMT", "", "")
	f.Fuzz(func(t *testing.T, retry, remaining, reset string) {
		h := http.Header{}
		h.Set("Retry-After", retry)
		h.Set("X-RateLimit-Remaining", remaining)
		h.Set("X-RateLimit-Reset", reset)
		n := 0
		for i := 0; i < 3; i++ {
			if d := limitWait(h, time.Unix(1700000000, 0), &n); d > 257*time.Minute && retry == "" && remaining != "0" {
				t.Fatalf("wait %s without Retry-After", d)
			}
		}
	})
}
