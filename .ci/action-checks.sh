#!/usr/bin/env bash
# Checks of the GitHub Action's packaging, run by .ci/run on a fresh
# machine (Debian, Go on PATH, npm registry, Go module proxy, apt; no
# Docker engine, no container registry). Idempotent: tools are installed
# once into $REVIEWBOT_TOOLS and reused.
#
#  1. actionlint v1.7.12 on .github/workflows/*.yml and docs/workflows/*.yml
#     (as a repository, so the local `uses: ./` action's inputs and outputs
#     are checked too);
#  2. @action-validator/cli 0.6.0 on action.yml;
#  3. the Prism contract test (@stoplight/prism-cli 5.14.2);
#  4. buildah builds the Dockerfile (against a local stand-in for the Go
#     base image, made from this machine's toolchain and passed as the
#     GO_IMAGE build argument in place of the pinned digest, which no
#     registry can serve here) with a VERSION stamped, checks the image is
#     under 20 MB and that the image's `reviewbot version` prints it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

ACTIONLINT_VERSION=v1.7.12
ACTION_VALIDATOR_VERSION=0.6.0
PRISM_VERSION=5.14.2
GO_BASE=docker.io/library/golang:1.26
IMAGE=localhost/reviewbot:ci
STAMP=v0.0.0-ci
MAX_IMAGE_BYTES=$((20 * 1024 * 1024))

tools=${REVIEWBOT_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/reviewbot-ci}
mkdir -p "$tools/bin" "$tools/npm"
export PATH="$tools/bin:$PATH"

step() { echo "== action checks: $*"; }
die() { echo "action checks FAILED: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

# --- tools -------------------------------------------------------------
step "install actionlint $ACTIONLINT_VERSION"
if ! actionlint -version 2>/dev/null | grep -qx "${ACTIONLINT_VERSION#v}"; then
  GOBIN="$tools/bin" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
actionlint -version | head -1

step "install @action-validator/cli@$ACTION_VALIDATOR_VERSION and @stoplight/prism-cli@$PRISM_VERSION"
npm_has() { [ -f "$tools/npm/node_modules/$1/package.json" ] && grep -q "\"version\": \"$2\"" "$tools/npm/node_modules/$1/package.json"; }
if ! npm_has @action-validator/cli "$ACTION_VALIDATOR_VERSION" || ! npm_has @stoplight/prism-cli "$PRISM_VERSION"; then
  [ -f "$tools/npm/package.json" ] || echo '{"private": true}' > "$tools/npm/package.json"
  npm install --prefix "$tools/npm" --no-audit --no-fund --loglevel=error \
    "@action-validator/cli@$ACTION_VALIDATOR_VERSION" "@stoplight/prism-cli@$PRISM_VERSION"
fi
action_validator="$tools/npm/node_modules/.bin/action-validator"
prism="$tools/npm/node_modules/.bin/prism"
[ -x "$action_validator" ] || die "action-validator not installed at $action_validator"
[ -x "$prism" ] || die "prism not installed at $prism"

step "install buildah, busybox-static, shellcheck (apt)"
missing=()
command -v buildah >/dev/null || missing+=(buildah)
[ -x /bin/busybox ] || missing+=(busybox-static)
command -v shellcheck >/dev/null || missing+=(shellcheck)
[ -f /etc/ssl/certs/ca-certificates.crt ] || missing+=(ca-certificates)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
buildah --version

# --- lint --------------------------------------------------------------
step "actionlint .github/workflows/*.yml docs/workflows/*.yml"
# actionlint checks a local `uses: ./` action only inside a repository
# with .github/workflows: lint the project's workflows and the examples in
# such a copy (the examples prefixed docs-, so no name can collide).
lintdir=$(mktemp -d)
trap 'rm -rf "$lintdir"' EXIT
mkdir -p "$lintdir/.github/workflows"
cp .github/workflows/*.yml "$lintdir/.github/workflows/"
for wf in docs/workflows/*.yml; do
  cp "$wf" "$lintdir/.github/workflows/docs-$(basename "$wf")"
done
cp action.yml Dockerfile "$lintdir/"
git -C "$lintdir" init -q
(cd "$lintdir" && actionlint -no-color) || die "actionlint found problems in .github/workflows or docs/workflows (docs-* files)"

step "action-validator action.yml"
"$action_validator" action.yml || die "action-validator rejected action.yml"

# --- contract test -----------------------------------------------------
step "Prism contract test"
out=$(REVIEWBOT_PRISM="$prism" go test -count=1 -run '^TestContractPrism$' -v ./action 2>&1) || { echo "$out"; die "Prism contract test failed"; }
echo "$out" | grep -E '^(--- |ok|PASS)' || true
echo "$out" | grep -q -- '--- PASS: TestContractPrism' || { echo "$out"; die "Prism contract test did not run"; }

# --- image -------------------------------------------------------------
bah() { buildah --storage-driver vfs "$@"; }

step "stand-in $GO_BASE from $(go version | cut -d' ' -f3)"
if ! bah inspect --type image "$GO_BASE" >/dev/null 2>&1; then
  goroot=$(go env GOROOT)
  ctr=$(bah from scratch)
  bah copy "$ctr" "$goroot" /usr/local/go >/dev/null
  bah copy "$ctr" /bin/busybox /bin/busybox >/dev/null
  bah copy "$ctr" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt >/dev/null
  bah run --isolation chroot "$ctr" -- /bin/busybox mkdir -p /usr/bin /sbin /usr/sbin /tmp /go /etc
  bah run --isolation chroot "$ctr" -- /bin/busybox --install -s /bin
  bah run --isolation chroot "$ctr" -- /bin/sh -c 'chmod 1777 /tmp && echo "root:x:0:0:root:/root:/bin/sh" > /etc/passwd'
  bah config \
    --env PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --env GOPATH=/go --env GOTOOLCHAIN=local \
    --env "GOPROXY=$(go env GOPROXY)" --env "GOSUMDB=$(go env GOSUMDB)" \
    --workingdir /go "$ctr"
  bah commit --quiet "$ctr" "$GO_BASE" >/dev/null
  bah rm "$ctr" >/dev/null
fi

step "the Dockerfile pins its base image by digest"
grep -Eq '^ARG GO_IMAGE=[^ ]+@sha256:[0-9a-f]{64}$' Dockerfile || die "Dockerfile: ARG GO_IMAGE must default to an image pinned @sha256:<digest>"
grep -Eq '^FROM \$\{GO_IMAGE\} AS build$' Dockerfile || die "Dockerfile: the build stage must be FROM \${GO_IMAGE}"

step "buildah bud Dockerfile"
# No --layers: vfs stores every cached layer as a full copy (about 450 MB
# each); drop what earlier runs left.
bah rmi --prune >/dev/null 2>&1 || true
bah bud --isolation chroot --pull=never --quiet \
  --build-arg "GO_IMAGE=$GO_BASE" --build-arg "VERSION=$STAMP" \
  -t "$IMAGE" . >/dev/null || die "buildah could not build the Dockerfile"
bah rmi --prune >/dev/null 2>&1 || true

# The uncompressed size of the image's layers and config.
imgdir="$lintdir/image"
bah push --quiet --disable-compression "$IMAGE" "dir:$imgdir" || die "could not export the image to measure it"
size=$(du -sb "$imgdir" | cut -f1)
echo "image size: $size bytes (uncompressed)"
[ "$size" -lt "$MAX_IMAGE_BYTES" ] || die "image is $size bytes, over 20 MB"

step "run the image's reviewbot version"
ctr=$(bah from --pull=never "$IMAGE")
version=$(bah run --isolation chroot "$ctr" -- /reviewbot version) || { bah rm "$ctr" >/dev/null; die "reviewbot version failed in the image"; }
bah rm "$ctr" >/dev/null
echo "$version"
[ "$version" = "reviewbot $STAMP" ] || die "the image says '$version', want 'reviewbot $STAMP': is the VERSION build argument stamped?"
entry=$(bah inspect --type image --format '{{.OCIv1.Config.Entrypoint}}' "$IMAGE")
[ "$entry" = '[/reviewbot action]' ] || die "image entrypoint is $entry, want /reviewbot action"

step "passed"
