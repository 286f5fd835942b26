package rules

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlX2J5dGVz"
	pem := "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx3f9pqLz0aB8c1kQ5Zt7Wm2N4vP6rS8uY0eD1fG3hJ5kL7n\n-----END RSA PRIVATE KEY-----"
	cases := []struct {
		in      string
		secrets []string // must not survive
		keep    []string // must survive
	}{
		{`var t = "` + jwt + `";`, []string{"eyJzdWIi", "c2lnbmF0dXJl"}, []string{"var t = "}},
		{pem, []string{"MIIEowIBAAKCAQEAx3f9"}, []string{"BEGIN RSA PRIVATE KEY"}},
		{"-----BEGIN PRIVATE KEY-----", nil, []string{"BEGIN PRIVATE KEY"}},
		{`MIIEowIBAAKCAQEAx3f9pqLz0aB8c1kQ5Zt7Wm2N4vP6rS8uY0eD1fG3hJ5kL7n`, []string{"MIIEow"}, nil},
		{`.WithClientSecret("abc8Q~Zx1yW2vU3tS4rQ5pO6nM7lK8jI9hG0fE1dC")`, []string{"Zx1yW2"}, []string{"WithClientSecret"}},
		{`string clientSecret = "s3cr3t-value!";`, []string{"s3cr3t"}, []string{"clientSecret"}},
		{`ClientSecret: "hunter22"`, []string{"hunter22"}, nil},
		{`Authorization: Bearer abc.def.ghi123`, []string{"abc.def.ghi123"}, []string{"Bearer"}},
		{`new AuthenticationHeaderValue("Bearer", "0123456789abcdefXYZ")`, []string{"0123456789abcdef"}, []string{"Bearer"}},
		// Look-alikes that must stay readable.
		{"Bearer over mTLS is neither flow", nil, []string{"Bearer over mTLS is neither flow"}},
		{"Certificate binding for PoP binding checks", nil, []string{"PoP binding checks"}},
		{"Handles leg 2 with Bearer or PoP support.", nil, []string{"Bearer or PoP support"}},
		{"Send it as a Bearer token-based header, or PoP Proof-of-Possession", nil, []string{"Bearer token-based", "PoP Proof-of-Possession"}},
		{"PoP authentication and Bearer authorization", nil, []string{"PoP authentication", "Bearer authorization"}},
		{`Authorization: Bearer eyJ0eXAiOiJKV1QifQ`, []string{"eyJ0eXAiOiJKV1QifQ"}, []string{"Bearer"}},
		{`Authorization: mtls_pop AbCdEfGhIjKlMnOpQrStUvWxYz`, []string{"AbCdEfGhIjKlMnOpQrStUvWxYz"}, []string{"mtls_pop"}},
		{"AcquireTokenForManagedIdentityParameterBuilder.WithMtlsProofOfPossession()", nil, []string{"AcquireTokenForManagedIdentityParameterBuilder"}},
		{`string clientSecret = "your-client-secret";`, nil, []string{"your-client-secret"}},
		{`Console.WriteLine($"Token acquired, expires: {authResult.ExpiresOn}");`, nil, []string{"authResult.ExpiresOn"}},
		{"", nil, nil},
	}
	for _, c := range cases {
		got := Redact(c.in)
		for _, s := range c.secrets {
			if strings.Contains(got, s) {
				t.Errorf("Redact(%q) = %q still holds %q", c.in, got, s)
			}
		}
		for _, s := range c.keep {
			if !strings.Contains(got, s) {
				t.Errorf("Redact(%q) = %q lost %q", c.in, got, s)
			}
		}
		if len(c.secrets) > 0 && !strings.Contains(got, Redacted) {
			t.Errorf("Redact(%q) = %q has no %s marker", c.in, got, Redacted)
		}
	}
}

// FuzzRedactGuards holds Redact's cheap tests to the regexps they stand
// before: a text with fewer than two quotes never matches secretAssignRe,
// and hasBase64Run is base64Re's match.
func FuzzRedactGuards(f *testing.F) {
	f.Add(`string clientSecret = "s3cr3t-value!";`)
	f.Add("MIIEowIBAAKCAQEAx3f9pqLz0aB8c1kQ5Zt7Wm2N4vP6rS8uY0eD1fG3hJ5kL7n")
	f.Add(strings.Repeat("a", 39) + "-" + strings.Repeat("b", 40))
	f.Add(strings.Repeat("Z", 39))
	f.Add(`password =>  @$"hunter22"`)
	f.Add(`"api_key",	"0123456789"`)
	f.Add(`secret: "x" "abcd"`)
	f.Add(`Authorization: Bearer eyJhbGciOi.abc`)
	f.Add(`headers["pop", "AbCdEfGh12"] mtls_pop  abcdefg PoP	12345678 xPoP abcdefgh`)
	f.Add(`("Bearer",  "a-b.c~d+e/f")`)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := hasBearerValue(s), bearerRe.Plain().MatchString(s); got != want {
			t.Errorf("hasBearerValue(%q) = %v, bearerRe says %v", s, got, want)
		}
		if got, want := hasBase64Run(s, 40), base64Re.Plain().MatchString(s); got != want {
			t.Errorf("hasBase64Run(%q) = %v, base64Re says %v", s, got, want)
		}
		if strings.Count(s, `"`) < 2 && secretAssignRe.Plain().MatchString(s) {
			t.Errorf("secretAssignRe matches %q, which holds fewer than two quotes", s)
		}
		if !assignedQuote(s) && secretAssignRe.Plain().MatchString(s) {
			t.Errorf("secretAssignRe matches %q, where assignedQuote finds no assigned quote", s)
		}
	})
}
