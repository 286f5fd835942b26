# syntax=docker/dockerfile:1
# reviewbot's GitHub Action image: a static Go binary on scratch with CA
# certificates. The action runs `reviewbot action`.

# The Go base image, pinned by digest so that every build of a release uses
# the same toolchain. To update it, read the digest of the multi-platform
# index and replace the one below (Dependabot's "docker" ecosystem or
# Renovate can do this too):
#   docker buildx imagetools inspect docker.io/library/golang:1.26 --format '{{.Manifest.Digest}}'
#   (or: crane digest docker.io/library/golang:1.26)
# Build against another image, a mirror or a local stand-in, with
#   --build-arg GO_IMAGE=registry.example.com/golang:1.26@sha256:...
# (.ci/action-checks.sh does this with its stand-in).
ARG GO_IMAGE=docker.io/library/golang:1.26@sha256:3aff6657219a4d9c14e27fb1d8976c49c29fddb70ba835014f477e1c70636647
FROM ${GO_IMAGE} AS build
WORKDIR /src
# Module downloads in their own layer: cached until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# VERSION is the release tag (the release workflow passes it); it is what
# `reviewbot version` prints and SARIF names as the tool's version.
ARG VERSION=""
RUN CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath \
      -ldflags "-s -w -X github.com/reviewbot/reviewbot/version.tag=${VERSION}" \
      -o /out/reviewbot ./cmd/reviewbot

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/reviewbot /reviewbot
ENTRYPOINT ["/reviewbot", "action"]
