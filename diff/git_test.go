package diff

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a repository with two commits: the second renames, edits,
// deletes, adds, chmods and changes a binary and a non-ASCII file.
func gitRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	git("config", "user.email", "t@example.com")
	git("config", "user.name", "t")
	// A user's config that would break prefix-based parsing.
	git("config", "diff.noprefix", "true")
	git("config", "color.diff", "always")
	write("src/Old.cs", "a\nb\nc\nd\ne\nf\ng\nh\n")
	write("gone.txt", "x\n")
	write("run.sh", "echo\n")
	write("img.bin", "\x00\x01\x02")
	write("été.cs", "accent\n")
	git("add", "-A")
	git("commit", "-qm", "base")
	git("mv", "src/Old.cs", "src/New.cs")
	write("src/New.cs", "a\nb\nc\nD\ne\nf\ng\nh\n")
	git("rm", "-q", "gone.txt")
	write("added.cs", "new\n")
	write("img.bin", "\x00\x01\x03")
	write("été.cs", "accent\nmore\n")
	if err := os.Chmod(filepath.Join(dir, "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	git("add", "-A")
	git("commit", "-qm", "change")
	return dir
}

func TestFromGit(t *testing.T) {
	dir := gitRepo(t)
	files, err := FromGit(context.Background(), dir, "HEAD~1...HEAD")
	if err != nil {
		t.Fatalf("FromGit: %v", err)
	}
	checkFiles(t, files, []wantFile{
		{new: "added.cs", status: Added, newMode: 0o100644, hunks: 1, lines: []string{"+ 0 1 new"}},
		{old: "gone.txt", status: Removed, oldMode: 0o100644, hunks: 1, lines: []string{"- 1 0 x"}},
		{old: "img.bin", new: "img.bin", status: Modified, binary: true, oldMode: 0o100644, newMode: 0o100644},
		{old: "run.sh", new: "run.sh", status: Modified, oldMode: 0o100644, newMode: 0o100755},
		{old: "src/Old.cs", new: "src/New.cs", status: Renamed, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{
			"  1 1 a", "  2 2 b", "  3 3 c", "- 4 0 d", "+ 0 4 D", "  5 5 e", "  6 6 f", "  7 7 g",
		}},
		{old: "été.cs", new: "été.cs", status: Modified, oldMode: 0o100644, newMode: 0o100644, hunks: 1, lines: []string{"  1 1 accent", "+ 0 2 more"}},
	})
	if !files[3].ModeOnly() {
		t.Errorf("run.sh: ModeOnly() = false, want true")
	}
}

func TestFromGitErrors(t *testing.T) {
	dir := gitRepo(t)
	tests := []struct {
		name, dir, rangeSpec, want string
	}{
		{"option injection", dir, "--output=/tmp/x", `diff: git range "--output=/tmp/x" starts with '-'`},
		{"unknown revision", dir, "nosuchbranch...HEAD", "diff: git diff nosuchbranch...HEAD in " + dir + ": fatal: "},
		{"not a repository", t.TempDir(), "HEAD", "diff: git diff HEAD in "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := FromGit(context.Background(), tt.dir, tt.rangeSpec)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q, want one line starting %q", err, tt.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := FromGit(ctx, dir, "HEAD~1"); err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("cancelled context: error %v, want context canceled", err)
	}
}
