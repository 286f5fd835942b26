package report

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// smokeDiff is a small FIC two-leg change of our own with a logged token
// and a placeholder client ID.
const smokeDiff = `diff --git a/tests/Mtls/FicSmokeTests.cs b/tests/Mtls/FicSmokeTests.cs
new file mode 100644
--- /dev/null
+++ b/tests/Mtls/FicSmokeTests.cs
@@ -0,0 +1,14 @@
+public class FicSmokeTests
+{
+    public async Task Leg2Async(X509Certificate2 cert)
+    {
+        var app = ConfidentialClientApplicationBuilder.Create("your-app-id")
+            .WithClientAssertion((opts, ct) => Task.FromResult(new ClientSignedAssertion { Assertion = a, TokenBindingCertificate = cert }))
+            .Build();
+        var result = await app.AcquireTokenForClient(new[] { "https://vault.azure.net/.default" })
+            .WithMtlsProofOfPossession()
+            .ExecuteAsync();
+        Console.WriteLine($"token: {result.AccessToken}");
+        Assert.AreEqual("mtls_pop", result.TokenType);
+    }
+}
`

// TestSmokeLiveRegistry runs the real engine and rule registry on a small
// diff and checks every output format: JSON and SARIF validate against
// their schemas, SARIF describes every registered rule, and the Markdown
// summary is safe and within the limit.
func TestSmokeLiveRegistry(t *testing.T) {
	files, err := diff.Parse(strings.NewReader(smokeDiff))
	if err != nil {
		t.Fatalf("parse smoke diff: %v", err)
	}
	r, err := review.Run(files, review.Options{})
	if err != nil {
		t.Fatalf("review: %v", err)
	}
	if len(r.Findings) == 0 {
		t.Fatalf("the smoke diff logs a token but got no findings; the smoke test needs at least one")
	}

	var js, sarif, txt bytes.Buffer
	if err := JSON(&js, r); err != nil {
		t.Fatal(err)
	}
	if err := validate(compileSchema(t, "schema.json"), js.Bytes()); err != nil {
		t.Errorf("live JSON does not validate: %v", err)
	}
	if err := SARIF(&sarif, r, rules.All); err != nil {
		t.Fatal(err)
	}
	if err := validate(compileSchema(t, filepath.Join("testdata", "sarif-2.1.0-rtm.5.json")), sarif.Bytes()); err != nil {
		t.Errorf("live SARIF does not validate: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(sarif.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	drv := log.Runs[0].Tool.Driver
	if len(drv.Rules) < len(rules.All) {
		t.Errorf("SARIF describes %d rules, registry has %d", len(drv.Rules), len(rules.All))
	}
	for i, rule := range rules.All {
		d := drv.Rules[i]
		if d.ID != rule.ID || d.ShortDescription.Text == "" || d.HelpURI == "" || len(d.Properties.Tags) > 20 {
			t.Errorf("rule %s described as %+v", rule.ID, d)
		}
	}
	if err := Text(&txt, r); err != nil {
		t.Fatal(err)
	}
	for _, f := range r.Findings {
		if !strings.Contains(txt.String(), f.String()) {
			t.Errorf("text lacks finding %s", f)
		}
	}
	md := Markdown(r, MarkdownOptions{Marker: marker})
	if len(md) > MaxBody {
		t.Errorf("summary is %d bytes", len(md))
	}
	checkSafe(t, md)
	for _, f := range r.Findings {
		checkSafe(t, Comment(f))
	}
}
