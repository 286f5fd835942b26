#!/usr/bin/env bash
# Times the whole `reviewbot check --format json` on a real 20,000-line
# diff against one `grep -Eic` of the rules' trigger alternation on the same
# file, as whole processes side by side, and prints both and the ratio
# (issue "One engine behind both fronts", item 6). The diff is the MSAL.NET
# corpus's commits (../shared/corpus/msalnet/diffs) concatenated until it
# holds 20,000 lines; LINES=200000 repeats them (paths renamed per copy)
# for the linearity check.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/msalnet/diffs
[ -d "$corpus" ] || { echo "bench-check: $corpus is absent: run from a checkout with ../shared beside it" >&2; exit 2; }
lines=${LINES:-20000}
runs=${RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The diff: whole commits, in name order, copy k renaming every path to
# copy<k>/..., until it holds $lines lines; then cut at a file boundary.
copy=0
: > "$work/big.diff"
while [ "$(wc -l < "$work/big.diff")" -lt "$lines" ]; do
  for f in "$corpus"/*.patch; do
    if [ "$copy" -eq 0 ]; then cat "$f"; else sed -E "s#^(diff --git a/|--- a/|\+\+\+ b/| b/)#\1copy$copy/#; s#^(rename from |rename to |copy from |copy to )#\1copy$copy/#; s#^diff --git a/(copy$copy/)?(.*) b/#diff --git a/copy$copy/\2 b/copy$copy/#" "$f"; fi >> "$work/big.diff"
    [ "$(wc -l < "$work/big.diff")" -ge "$lines" ] && break
  done
  copy=$((copy + 1))
done
echo "diff: $(wc -l < "$work/big.diff") lines, $(wc -c < "$work/big.diff") bytes"

# Built as the Dockerfile builds the binary the action ships: static
# (CGO_ENABLED=0, so no dynamic loader runs at start) and stripped.
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$work/reviewbot" ./cmd/reviewbot
# The trigger alternation: every trigger literal of every rule (the
# literals of the groups the rules' Triggers name), as docs/rules.md gives
# it (generated from the registry; TestTriggerAlternation holds it to the
# rules). The trigger table also holds groups of the source model's own,
# such as quotes, comment openers and example markers, which no rule
# names: they are not the rules' triggers, and lines full of quotes would
# only make grep faster.
pattern=$(sed -n '/^## Trigger literals/,$p' docs/rules.md | sed -n '/^```text$/{n;p;q}')
[ -n "$pattern" ] || { echo "bench-check: no trigger alternation in docs/rules.md: regenerate it with go test ./rules -run TestRulesDoc -update" >&2; exit 2; }

# One run: wall-clock milliseconds of a command. Not > /dev/null: GNU grep
# notices a null output and stops at the first match, so it would not read
# the file.
run_ms() {
  local s e
  s=$(date +%s%N)
  "$@" > "$work/out" 2>&1 || true
  e=$(date +%s%N)
  echo $(( (e - s) / 1000 ))
}
# The median of a list of microseconds, in milliseconds with one decimal.
median() { printf '%s\n' "$@" | sort -n | awk -v n="$#" 'NR == int((n + 1) / 2) { printf "%.1f", $1 / 1000 }'; }

# The commands take turns, run by run, so that a load on the machine falls
# on both alike.
g=() c=()
for _ in $(seq "$runs"); do
  g+=("$(run_ms grep -Eic "$pattern" "$work/big.diff")")
  c+=("$(run_ms "$work/reviewbot" check --format json "$work/big.diff")")
done
grep_ms=$(median "${g[@]}")
check_ms=$(median "${c[@]}")
peak_kb=$( { /usr/bin/time -f '%M' "$work/reviewbot" check --format json "$work/big.diff" > /dev/null; } 2>&1 | tail -1 || true)
echo "grep -Eic of the trigger alternation ($(printf '%s\n' "$pattern" | tr '|' '\n' | wc -l) literals): ${grep_ms} ms (median of $runs)"
echo "reviewbot check --format json: ${check_ms} ms (median of $runs), peak memory ${peak_kb} KB"
awk -v a="$check_ms" -v b="$grep_ms" 'BEGIN { if (b <= 0) b = 0.1; printf "ratio: %.1f\n", a / b }'
