package review

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/reviewbot/reviewbot/checklist"
	"github.com/reviewbot/reviewbot/diff"
	"github.com/reviewbot/reviewbot/internal/corpus"
	"github.com/reviewbot/reviewbot/rules"
)

// benchDiff writes a unified diff of about n lines: new C# test files in an
// mTLS PoP directory, each a run of vanilla and FIC two-leg test methods, so
// every file is in scope and every rule has work to do.
func benchDiff(n int) []byte {
	method := []string{
		"        [TestMethod]",
		"        public async Task Vanilla_%[1]d_Async()",
		"        {",
		"            X509Certificate2 cert = CertificateHelper.FindCertificateByName(\"contoso-%[1]d\");",
		"            IConfidentialClientApplication app = ConfidentialClientApplicationBuilder",
		"                .Create(\"3fa85f64-5717-4562-b3fc-2c963f66afa6\")",
		"                .WithAzureRegion(\"westus3\")",
		"                .WithCertificate(cert, true)",
		"                .Build();",
		"            AuthenticationResult result = await app",
		"                .AcquireTokenForClient(new[] { \"https://vault.azure.net/.default\" })",
		"                .WithMtlsProofOfPossession()",
		"                .ExecuteAsync()",
		"                .ConfigureAwait(false);",
		"            Console.WriteLine($\"Token acquired, expires: {result.ExpiresOn}\");",
		"            Assert.AreEqual(\"mtls_pop\", result.TokenType);",
		"            Assert.IsNotNull(result.BindingCertificate);",
		"            var assertionApp = ConfidentialClientApplicationBuilder.Create(\"9b2c5e1d-0f4a-4c3b-8e7d-6a5f4e3d2c1b\")",
		"                .WithClientAssertion((AssertionRequestOptions o, CancellationToken ct) =>",
		"                    Task.FromResult(new ClientSignedAssertion { Assertion = result.AccessToken, TokenBindingCertificate = cert }))",
		"                .Build();",
		"        }",
		"",
	}
	const perFile = 1000
	var b bytes.Buffer
	lines, file := 0, 0
	for lines < n {
		var body []string
		for m := 0; len(body) < perFile; m++ {
			for _, l := range method {
				if strings.Contains(l, "%[1]d") {
					l = fmt.Sprintf(l, file*1000+m)
				}
				body = append(body, l)
			}
		}
		if rest := n - lines; len(body) > rest {
			body = body[:rest]
		}
		name := fmt.Sprintf("tests/Contoso.MtlsPop.Tests/Generated%03dTests.cs", file)
		fmt.Fprintf(&b, "diff --git a/%[1]s b/%[1]s\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/%[1]s\n@@ -0,0 +1,%[2]d @@\n", name, len(body))
		for _, l := range body {
			b.WriteString("+")
			b.WriteString(l)
			b.WriteString("\n")
		}
		lines += len(body)
		file++
	}
	return b.Bytes()
}

// BenchmarkOfflinePass measures the whole offline review: parse the diff,
// decide scope, classify the flow, run every rule, evaluate the checklist.
// Targets (issue #2): 20,000 lines under 50 ms and 64 MB on one core (run
// with -cpu 1), and 10x the lines at most 12x the time.
func BenchmarkOfflinePass(b *testing.B) {
	for _, n := range []int{20000, 200000} {
		data := benchDiff(n)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				files, err := diff.Parse(bytes.NewReader(data))
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Run(files, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestBenchDiffIsWhatItSays(t *testing.T) {
	files, err := diff.Parse(bytes.NewReader(benchDiff(20000)))
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, f := range files {
		for _, h := range f.Hunks {
			total += len(h.Lines)
		}
	}
	if total != 20000 {
		t.Fatalf("benchmark diff has %d lines, want 20000", total)
	}
	res, err := Run(files, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts["in_scope"] != len(files) {
		t.Fatalf("%d of %d benchmark files in scope: the benchmark would not exercise the rules", res.Counts["in_scope"], len(files))
	}
}

// corpusDiff parses the MSAL.NET corpus's commits concatenated until they
// hold 20,000 lines: the diff BenchmarkCheckCorpus (internal/cli) and
// scripts/bench-check.sh time.
func corpusDiff(b *testing.B) []*diff.File {
	files, err := diff.Parse(bytes.NewReader(corpus.BenchDiff(b)))
	if err != nil {
		b.Fatal(err)
	}
	return files
}

// BenchmarkCorpusParts times the parts of Run this package does itself on
// the corpus diff, each on its own: novelty marks, and the checklist and
// focus evaluation.
func BenchmarkCorpusParts(b *testing.B) {
	files := corpusDiff(b)
	b.Run("novelty", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			markNovelty(files)
		}
	})
	b.Run("evaluate", func(b *testing.B) {
		res, err := Run(files, Options{})
		if err != nil {
			b.Fatal(err)
		}
		var inScope []*diff.File
		for _, f := range files {
			for _, d := range res.Files {
				if d.InScope && d.NotReviewed == "" && d.Path == f.Path() {
					inScope = append(inScope, f)
					break
				}
			}
		}
		g := checklist.Default()
		judged := map[string]bool{}
		for _, id := range res.RulesRun {
			judged[id] = true
		}
		b.ReportAllocs()
		for b.Loop() {
			ev := evaluator{res: res, rules: rules.All, judged: judged, inScope: inScope}
			ev.evaluate(g)
		}
	})
	b.Run("run", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Run(files, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
