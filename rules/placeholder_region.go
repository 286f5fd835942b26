package rules

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

//go:embed azure-regions.txt
var azureRegionsTxt string

// azureRegions is the embedded region list, sorted.
var azureRegions = parseRegions(azureRegionsTxt)

func parseRegions(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// regionDiscovery is the value of ConfidentialClientApplication.
// AttemptRegionDiscovery: a literal spelling of it is not a placeholder.
const regionDiscovery = "TryAutoDetect"

// PlaceholderRegion flags WithAzureRegion("...") arguments that are not
// real Azure region names.
var PlaceholderRegion = &Rule{
	ID: "placeholder-region",
	Doc: `WithAzureRegion must name a real Azure region.
mTLS PoP tokens come from the regional mTLS endpoint
({region}.mtlsauth.microsoft.com), so a placeholder such as "your-region"
or a misspelt name builds a host that does not exist and the example cannot
run. The guidance asks for real region strings, never placeholders. Region
variables, constants such as ConfidentialClientApplication.
AttemptRegionDiscovery and {region} templates in prose are fine: only
literal arguments are checked, against the region list shipped with
reviewbot (rules/azure-regions.txt), and the nearest real name is suggested.

Bad:
    .WithAzureRegion("your-region-here")
    .WithAzureRegion("westus-3")

Good:
    .WithAzureRegion("westus3")
    .WithAzureRegion(ConfidentialClientApplication.AttemptRegionDiscovery)`,
	Severity: Error,
	Topics:   []topic.Topic{topic.Region, topic.Placeholder},
	Check:    checkPlaceholderRegion,
	Triggers: source.TrigWithAzureRegion,
}

var (
	withRegionRe = prefilter.MustCompile(`\bWithAzureRegion\s*\(\s*(?:azureRegion\s*:\s*)?(@?\$?@?)"`)
	// In prose: `.WithAzureRegion("x")` in inline code or plain text.
	proseRegionRe = prefilter.MustCompile(`\bWithAzureRegion\s*\(\s*"([^"]*)"\s*\)`)
)

func checkPlaceholderRegion(p *Pass) {
	v := NewView(p)
	for _, l := range v.CheckedCode() {
		code := v.Code(l.N)
		if !strings.Contains(code, "WithAzureRegion") {
			continue
		}
		for _, m := range withRegionRe.FindAllStringSubmatchIndex(code, -1) {
			quote := m[1] - 1
			lits := source.Literals(code[m[2]:min(len(code), m[2]+512)])
			if len(lits) == 0 || lits[0].Interpolated && strings.Contains(lits[0].Value, "{") {
				continue
			}
			reportRegion(p, l.N, quote+1, lits[0].Value)
		}
	}
	for _, l := range v.CheckedProse() {
		if !strings.Contains(l.Text, "WithAzureRegion") {
			continue
		}
		for _, m := range proseRegionRe.FindAllStringSubmatchIndex(l.Text, -1) {
			reportRegion(p, l.N, m[2], l.Text[m[2]:m[3]])
		}
	}
}

func reportRegion(p *Pass, line, col int, region string) {
	if isRegion(region) || strings.Contains(region, "{") {
		return
	}
	near, d := nearestRegion(region)
	hint := `use a real region such as .WithAzureRegion("westus3").`
	if d <= 3 {
		hint = fmt.Sprintf("did you mean .WithAzureRegion(%q)?", near)
	}
	p.Report(Finding{
		Line:    line,
		Column:  col,
		Message: fmt.Sprintf("WithAzureRegion(%q) is not an Azure region name and the regional mTLS PoP endpoint needs a real one: %s", region, hint),
	})
}

func isRegion(s string) bool {
	if s == regionDiscovery {
		return true
	}
	i := sort.SearchStrings(azureRegions, s)
	return i < len(azureRegions) && azureRegions[i] == s
}

// nearestRegion returns the region with the smallest edit distance to s
// (compared lower-case, without spaces) and that distance.
func nearestRegion(s string) (string, int) {
	k := strings.ToLower(strings.Join(strings.Fields(s), ""))
	best, bd := "westus3", 1<<30
	for _, r := range azureRegions {
		if d := editDistance(k, r); d < bd {
			best, bd = r, d
		}
	}
	return best, bd
}

// editDistance is the Levenshtein distance between a and b, bytewise.
func editDistance(a, b string) int {
	if len(a) > 256 {
		a = a[:256]
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
