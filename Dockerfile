# syntax=docker/dockerfile:1
# reviewbot's GitHub Action image: a static Go binary on scratch with CA
# certificates. The action runs `reviewbot action`.

FROM docker.io/library/golang:1.26 AS build
WORKDIR /src
# Module downloads in their own layer: cached until go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
RUN CGO_ENABLED=0 GOFLAGS=-mod=readonly go build -trimpath \
      -ldflags "-s -w -X github.com/reviewbot/reviewbot/version.tag=${VERSION}" \
      -o /out/reviewbot ./cmd/reviewbot

FROM scratch
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /out/reviewbot /reviewbot
ENTRYPOINT ["/reviewbot", "action"]
