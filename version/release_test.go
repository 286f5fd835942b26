package version

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// readRepo reads a file of the repository this package lives in.
func readRepo(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(p)))
	if err != nil {
		t.Fatalf("read %s: %v", p, err)
	}
	return string(b)
}

type workflow struct {
	On struct {
		Push struct {
			Tags     []string `yaml:"tags"`
			Branches []string `yaml:"branches"`
		} `yaml:"push"`
	} `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Steps []struct {
			ID   string            `yaml:"id"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func readWorkflow(t *testing.T, p string) workflow {
	t.Helper()
	var w workflow
	if err := yaml.Unmarshal([]byte(readRepo(t, p)), &w); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	return w
}

// TestReleaseStampsVersion ties the release pieces together: the release
// workflow passes the tag as the Dockerfile's VERSION build argument, the
// Dockerfile hands it to -ldflags -X for this package's tag variable, and
// the workflow's rewrite of action.yml finds the line it replaces.
func TestReleaseStampsVersion(t *testing.T) {
	_ = &tag // the variable the Dockerfile's -X sets; renaming it breaks this test

	module := regexp.MustCompile(`(?m)^module (\S+)$`).FindStringSubmatch(readRepo(t, "go.mod"))
	if module == nil {
		t.Fatal("go.mod names no module")
	}
	docker := readRepo(t, "Dockerfile")
	if !regexp.MustCompile(`(?m)^ARG VERSION=`).MatchString(docker) {
		t.Error("Dockerfile declares no VERSION build argument")
	}
	if x := "-X " + module[1] + "/version.tag=${VERSION}"; !strings.Contains(docker, x) {
		t.Errorf("Dockerfile does not stamp the version with %q", x)
	}
	if !regexp.MustCompile(`(?m)^ARG GO_IMAGE=\S+:\S+@sha256:[0-9a-f]{64}$`).MatchString(docker) ||
		!strings.Contains(docker, "\nFROM ${GO_IMAGE} AS build\n") {
		t.Error("Dockerfile: the build stage must be FROM ${GO_IMAGE}, an ARG defaulting to an image pinned by digest")
	}

	rel := readWorkflow(t, ".github/workflows/release.yml")
	if len(rel.On.Push.Tags) != 1 || rel.On.Push.Tags[0] != "v*" {
		t.Errorf("release.yml runs on tags %q, want [v*]", rel.On.Push.Tags)
	}
	if rel.Permissions["packages"] != "write" || rel.Permissions["contents"] != "write" {
		t.Errorf("release.yml permissions %v: it needs packages: write (ghcr.io) and contents: write (major tag)", rel.Permissions)
	}
	pinned := regexp.MustCompile(`^[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+$`)
	var build, login, rewrite bool
	for _, job := range rel.Jobs {
		for _, s := range job.Steps {
			if s.Uses != "" && !pinned.MatchString(s.Uses) {
				t.Errorf("release.yml: %s is not pinned to a full version (owner/repo@vX.Y.Z)", s.Uses)
			}
			switch {
			case strings.HasPrefix(s.Uses, "docker/build-push-action@"):
				build = true
				if !strings.Contains(s.With["build-args"], "VERSION=${{ steps.tag.outputs.version }}") {
					t.Errorf("release.yml: build-push-action build-args %q do not stamp VERSION", s.With["build-args"])
				}
				if s.With["push"] != "true" || !strings.Contains(s.With["tags"], "steps.tag.outputs.major") {
					t.Error("release.yml: the image is not pushed with its version and major tags")
				}
			case strings.HasPrefix(s.Uses, "docker/login-action@"):
				login = s.With["registry"] == "ghcr.io"
			case strings.Contains(s.Run, `git tag -f "$MAJOR"`):
				rewrite = strings.Contains(s.Run, `grep -q '^  image: "Dockerfile"$' action.yml`)
			}
		}
	}
	if !build || !login || !rewrite {
		t.Errorf("release.yml: build-push-action %v, login to ghcr.io %v, major tag moved to a rewritten action.yml %v", build, login, rewrite)
	}
	if !strings.Contains(readRepo(t, "action.yml"), "\n  image: \"Dockerfile\"\n") {
		t.Error(`action.yml has no '  image: "Dockerfile"' line for the release workflow to point at the image`)
	}

	ci := readWorkflow(t, ".github/workflows/ci.yml")
	runs := false
	for _, job := range ci.Jobs {
		for _, s := range job.Steps {
			runs = runs || strings.TrimSpace(s.Run) == "bash .ci/run"
		}
	}
	if !runs {
		t.Error("ci.yml does not run .ci/run")
	}
}
