#!/usr/bin/env bash
# Adds a test rule in a scratch copy of the work tree, as README's
# development section says a rule is added (its file, one registry line,
# its fixture folder, docs/rules.md regenerated), runs every test, and
# fails unless the tests pass and exactly those files changed (issue "One
# engine behind both fronts", item 5 and its acceptance).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The scratch copy sits beside a link to ../shared, as the checkout does.
mkdir "$work/repo"
[ -d ../shared ] && ln -s "$(cd ../shared && pwd)" "$work/shared"
git ls-files -z | xargs -0 cp --parents -t "$work/repo"
cd "$work/repo"
git init -q && git add -A && git -c user.email=ci@invalid -c user.name=ci commit -qm base

cat > rules/obsolete_api.go <<'GO'
package rules

import (
	"strings"

	"github.com/reviewbot/reviewbot/topic"
)

// ObsoleteAPI flags a call of the obsolete WithMtlsProofOfPossessionLegacy.
var ObsoleteAPI = &Rule{
	ID: "obsolete-api",
	Doc: `WithMtlsProofOfPossessionLegacy is obsolete.

Use WithMtlsProofOfPossession.

Bad:

    app.AcquireTokenForClient(scopes).WithMtlsProofOfPossessionLegacy()

Good:

    app.AcquireTokenForClient(scopes).WithMtlsProofOfPossession()`,
	Severity: Warning,
	Topics:   []topic.Topic{topic.TermPop},
	Check: func(p *Pass) {
		v := NewView(p)
		for _, l := range v.AddedLines() {
			if i := strings.Index(l.Text, "WithMtlsProofOfPossessionLegacy"); i >= 0 {
				p.Report(Finding{Line: l.N, Column: i + 1, Message: "WithMtlsProofOfPossessionLegacy is obsolete: call WithMtlsProofOfPossession."})
			}
		}
	},
}
GO
sed -i 's/^\tTokenType,$/\tTokenType,\n\tObsoleteAPI,/' rules/registry.go
mkdir -p rules/testdata/obsolete-api
printf 'class A {\n    void M() {\n        app.AcquireTokenForClient(scopes).WithMtlsProofOfPossessionLegacy(); // want "obsolete-api: .*obsolete"\n    }\n}\n' > rules/testdata/obsolete-api/A.cs
go test ./rules -run TestRulesDoc -update > /dev/null 2>&1 || true
go test ./... > "$work/test.log" 2>&1 || { grep -v '^ok\|no test files' "$work/test.log" | head -40; echo "check-add-rule: the tests fail once a rule is added the README's way" >&2; exit 1; }
got=$(git status --porcelain --untracked-files=all | awk '{print $2}' | sort | tr '\n' ' ')
want="docs/rules.md rules/obsolete_api.go rules/registry.go rules/testdata/obsolete-api/A.cs "
if [ "$got" != "$want" ]; then
  echo "check-add-rule: adding a rule changed: $got; want only: $want" >&2
  exit 1
fi
echo "check-add-rule: adding a rule touched only: $got"
