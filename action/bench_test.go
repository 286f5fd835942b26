package action

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRun3000Files runs the action on a PR at GitHub's 3,000-file
// listing cap (30 pages), one file in scope, against the fake GitHub:
// the cost of the action itself, network on loopback.
func BenchmarkRun3000Files(b *testing.B) {
	f := newFakeGitHub(b, appToken)
	f.files = append(f.files, f.addSample(samplePath, sampleLines))
	for i := 0; i < 2999; i++ {
		f.files = append(f.files, fakeFile{Name: fmt.Sprintf("gen/f%04d.cs", i), Status: "added", Patch: "@@ -0,0 +1,2 @@\n+class C {}\n+// generated", Changes: 2})
	}
	dir := b.TempDir()
	ev := filepath.Join(dir, "event.json")
	if err := os.WriteFile(ev, []byte(`{"action":"synchronize","number":2,"pull_request":{"number":2,"head":{"sha":"`+f.headSHA+`"},"base":{"sha":"`+f.baseSHA+`"}}}`), 0o644); err != nil {
		b.Fatal(err)
	}
	env := map[string]string{
		"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": ev,
		"GITHUB_REPOSITORY": fakeOwner + "/" + fakeRepo, "GITHUB_API_URL": f.apiURL(),
		"INPUT_GITHUB-TOKEN": appToken, "INPUT_DRY-RUN": "true",
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if _, err := run(context.Background(), func(k string) string { return env[k] }, &out, deps{clock: f.clock, http: f.srv.Client()}); err != nil {
			b.Fatal(err)
		}
	}
}
