package rules

import "testing"

func TestFicPath(t *testing.T) {
	for path, want := range map[string]bool{
		".github/skills/msal-mtls-pop-fic-two-leg/FicLeg1Acquirer.cs":        true,
		"tests/Microsoft.Identity.Test.E2e/ManagedIdentityImdsV2FicTests.cs": true,
		"tests/Fic/Tests.cs": true,
		"tests/Microsoft.Identity.Test.Unit/CertificateTests.cs":            false,
		"src/client/Microsoft.Identity.Client/X509CertificateExtensions.cs": false,
		"tests/Microsoft.Identity.Test.Unit/PublicApiTests/MtlsPopTests.cs": false,
	} {
		if got := ficPath.MatchString(path); got != want {
			t.Errorf("ficPath(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestNotGuideNames(t *testing.T) {
	for _, tt := range []struct {
		path string
		want bool
	}{
		{"docs/design/mtls-pop-cache.md", true},
		{"docs/mtls-pop-token-cache-spec.md", true},
		{"docs/mtls_pop.tasks.md", true},
		{"docs/architecture.md", true},
		{"docs/explanation.md", false},
		{"docs/inspecting-tokens.md", false},
		{".github/skills/msal-mtls-pop-vanilla/SKILL.md", false},
		{"docs/mtls-pop-respect-limits.md", false},
	} {
		if got := notGuideNames.MatchString(tt.path); got != tt.want {
			t.Errorf("notGuideNames(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}
