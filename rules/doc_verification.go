package rules

import (
	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// DocVerification flags a new mTLS PoP document without verification
// steps or success criteria.
var DocVerification = &Rule{
	ID:       "doc-verification",
	Severity: Warning,
	Applies:  judgesDoc,
	Topics:   []topic.Topic{topic.DocVerification},
	Doc: `A new or rewritten mTLS PoP document shows no way to verify success.

An mTLS PoP call that silently falls back to a bearer token looks like it
worked: the guidance asks every document to include verification steps and
success criteria, and its code example template ends with
Assert.AreEqual("mtls_pop", result.TokenType) and
Assert.IsNotNull(result.BindingCertificate). The rule looks at Markdown
documents about mTLS PoP that the change adds or largely rewrites, and
accepts a heading about verification, validation, testing or success
criteria, or example code that checks TokenType or BindingCertificate (an
assert, a comparison, a null check). Only how-to guides are
judged: short notes (under 40 non-blank lines), change logs, README index
pages, design specs, task lists, diagram and architecture pages and mTLS
Bearer pages are not. It reports once, as a comment on the file. It
is a warning, not a notice: without the check, readers copy examples that
cannot tell mTLS PoP from bearer.

Bad:
    var result = await app.AcquireTokenForClient(scopes)
        .WithMtlsProofOfPossession()
        .ExecuteAsync();
    // (the document ends here)

Good:
    var result = await app.AcquireTokenForClient(scopes)
        .WithMtlsProofOfPossession()
        .ExecuteAsync();

    // Success criteria
    Assert.AreEqual("mtls_pop", result.TokenType);
    Assert.IsNotNull(result.BindingCertificate);`,
	Check: checkDocVerification,
}

var (
	verificationHeading = prefilter.MustCompile(`(?i)verif|validat|success criteria|\btesting\b|\bhow to test\b|\bcheck(ing)? (the )?result`)
	verificationLabel   = prefilter.MustCompile(`(?i)^\W*(verification|success criteria|how to verify|verify)\b`)
	resultCheck         = prefilter.MustCompile(`(?i)Assert\w*\.\w+\([^;]*\b(TokenType|BindingCertificate)\b|\b(TokenType|BindingCertificate)\b\??\s*(==|!=|is\s+(not\s+)?null|\.Should)|(==|!=)\s*\w+\??\.(TokenType|BindingCertificate)\b`)
)

func checkDocVerification(p *Pass) {
	v := NewView(p)
	anchor, ok := reviewedDoc(p, v)
	if !ok || hasVerification(v) {
		return
	}
	reportFile(p, v, anchor,
		`document shows no verification steps or success criteria: add a "## Verification" section, or end the examples with Assert.AreEqual("mtls_pop", result.TokenType) and Assert.IsNotNull(result.BindingCertificate)`)
}

// hasVerification reports whether the document says how to verify success.
func hasVerification(v *source.View) bool {
	for _, l := range v.DocLines() {
		if v.Prose(l.N) {
			if source.HeadingLevel(l.Text) > 0 && verificationHeading.MatchString(l.Text) {
				return true
			}
			if isVerificationLabel(source.MarkerText(l.Text)) {
				return true
			}
			continue
		}
		if _, in := v.BlockAt(l.N); in && resultCheck.MatchString(l.Text) {
			return true
		}
	}
	return false
}
