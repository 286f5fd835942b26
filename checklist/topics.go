package checklist

import (
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
)

// topicRule says when an item is about a topic: any of the patterns
// matches its plain lower-cased text and none of the exclusions does.
type topicRule struct {
	topic  Topic
	any    []*prefilter.Regexp
	except []*prefilter.Regexp
	// all, when set, must all match too (in any order).
	all []*prefilter.Regexp
}

func res(ps ...string) []*prefilter.Regexp {
	out := make([]*prefilter.Regexp, len(ps))
	for i, p := range ps {
		out[i] = prefilter.MustCompile(p)
	}
	return out
}

// Words that say a value is sensitive, and verbs that say it ends up where
// it should not.
const (
	secretWords = `(secret|tokens?\b|private keys?|\bkeys?\b|assertions?\b|credentials?|passwords?|sensitive|pii)`
	leakWords   = `(\blog(s|ged|ging|ger|gers)?\b|console|print|writeline|\btrace|output|expos|sanitiz|leak|redact|mask)`
)

// topicRules are the keyword sets per topic, on lower-case text with
// backticks removed. They describe meaning, not one wording: the tests hold
// rewordings that must map to the same topics.
var topicRules = []topicRule{
	{topic: TopicSecretLogging, all: res(secretWords, leakWords), except: res(`\blog(ging)? metadata\b.*not`)},
	{topic: TopicHardcodedSecret, all: res(secretWords, `(hard-?coded|expos|committed|checked[- ]in|in source|literal|embedded)`)},
	{topic: TopicHardcodedSecret, any: res(`\bpem\b`)},
	{topic: TopicRegion, any: res(`\bregions?\b`, `withazureregion`)},
	{topic: TopicPlaceholder, any: res(
		`placeholder`, `pseudo-?code`, `\bcomplete (code )?(examples?|samples?|snippets?)`,
		`examples?.*\b(complete|runnable|compil)`, `\breal values\b`, `dummy values?`,
		`replace-me`, `\byour-[a-z]`, `<client-id>`,
	)},
	{topic: TopicCertDisposal, any: res(
		`\b(certificates?|certs?|x509)\b[^.;]*\b(dispos|handl|lifetime|using (statement|block|declaration))`,
		`dispos[a-z]*\b[^.;]*\b(certificates?|certs?|x509|rsa keys?|private keys?)\b`,
		`premature(ly)? dispos`,
	)},
	{topic: TopicTokenBinding, any: res(
		`tokenbindingcertificate`, `token binding certificate`,
		`(certificate|cert|jwt-pop) binding`, `bind(s|ing)? (the )?(certificate|cert) (to|in) the assertion`,
	)},
	{topic: TopicExchangeAudience, any: res(
		`azureadtokenexchange`, `token ?exchange audience`, `exchange audience`,
		`leg 1\b.*\b(target|audience|resource)`,
	)},
	{topic: TopicAssertionType, any: res(
		`client_assertion_type`, `assertion[ _-]type`, `jwt-bearer`,
		`jwt-pop`,
	), except: res(`jwt-pop binding`, `binds? for jwt-pop`, `binding.*jwt-pop`)},
	{topic: TopicClientAssertion, any: res(
		`withclientassertion`, `client assertion (callback|delegate|provider)`, `assertion provider`,
	), except: res(
		`\b(no|lacks?|without|doesn't have|does not have|cannot use|can't use|has no)\b[^.;]*withclientassertion`,
		`limitation`,
	)},
	{topic: TopicMtlsEndpoint, any: res(`mtlsauth`, `\bmtls (endpoint|host)`, `regional (mtls )?(endpoint|host)`)},
	{topic: TopicSingleAcquire, any: res(
		`\bsingle\b[^.;]*\b(acquire|acquisition|call|step)`, `\bone (acquisition|acquiretoken|call)\b`,
		`\bno legs\b`, `\bsingle-step\b`, `\b(only|exactly) one\b[^.;]*\b(call|acquisition|acquiretoken)`,
	)},
	{topic: TopicAppCertificate, any: res(
		`withcertificate`, `certificates?\b[^.;]*\b(at|on) (the )?app(lication)?([- ]builder|[- ]level)`,
		`app[- ]level certificate`,
	)},
	{topic: TopicRequestPop, any: res(
		`withmtlsproofofpossession`, `\brequest level\b`, `on (the |each |every )?token requests?`,
	)},
	{topic: TopicTokenTypeAssert, any: res(`tokentype`, `token type`, `mtls_pop`), except: res(`\bscheme\b`, `authori[sz]ation header`)},
	{topic: TopicBindingCertCheck, any: res(
		`(^|[^n])bindingcertificate`, `(^|[^n] )binding certificate`, `certificate null[- ]?checks?`,
		`check(ing|s)? (the )?(bound|binding) certificate`,
	)},
	{topic: TopicAuthScheme, any: res(
		`authori[sz]ation (header|scheme)`, `auth(entication)? scheme`, `"pop" scheme`, `bearer scheme`,
	)},
	{topic: TopicTermFlows, any: res(
		`vanilla\b[^.;]*\bfic\b[^.;]*(correct|mix|confus|vs\b|versus|consistent|terminolog|not mixed)`,
		`(correct|mix|confus|consistent|terminolog)[^.;]*vanilla\b[^.;]*\bfic\b`,
		`vanilla\b[^.;]*\blegs?\b`, `\blegs?\b[^.;]*\bvanilla`,
		`\bmix(ed|ing)?\b[^.;]*\bflows?\b`, `flow terminology`,
	)},
	{topic: TopicTermScopes, any: res(
		`\bresource\b[^.;]*\bscopes\b`, `\bscopes\b[^.;]*\b(consum|resource|calling|api calls?|endpoints?)`,
	)},
	{topic: TopicTermPop, any: res(
		`ambiguous`, `\bbare\W+"?pop\b`, `"pop"`, `mtls pop"? or[^.;]*proof-of-possession`,
		`\bpop\b[^.;]*without context`,
	)},
	{topic: TopicDocWhenToUse, any: res(`when to use`, `decision criteria`, `when (to|should you) (choose|pick)`)},
	{topic: TopicDocVerification, any: res(
		`verification (steps?|checklist|section)`, `success criteria`, `how to (validate|verify)`,
		`validation steps`, `steps to verify`,
	)},
	{topic: TopicDocTestRefs, any: res(
		`(references?|links?|point(s|ing)?|refer) to (the )?(actual |real |existing )?(integration |unit )?tests?\b`,
		`(reference|link|cite) (the )?(actual |real |existing )?tests?\b`,
		`test files? (are |is )?(referenced|linked)`,
	)},
	{topic: TopicDocFlowDiagram, any: res(`diagram`, `flow (description|overview)`, `sequence chart`)},
	{topic: TopicTextIntact, any: res(`garbled`, `mangled`, `damaged (text|words?)`, `redact(ed|ion)[- ]tool`)},
	{topic: TopicSendX5c, any: res(`sendx5c`, `\bsni\b`, `\bx5c\b`)},
}

// neverListRE matches an item that points at the whole NEVER list of the
// terminology rules: all three terminology topics.
var neverListRE = prefilter.MustCompile(`\bnever\b[^.;]*\blist\b|anti-patterns? from`)

var (
	processRE = prefilter.MustCompile(`\bcompil|\btests? pass|\bpassing tests\b|\bwarnings?\b|runs? without errors|\bbuilds? (succeeds?|passes|cleanly)|\bclean build|\blint`)
	docsSecRE = prefilter.MustCompile(`\bdocument(ation|s)?\b|\bdocs?\b|\breadme\b`)
	docsTxtRE = prefilter.MustCompile(`\bdocument(ed|ation)\b|\bdocs?\b|\breadme\b|\b(shown )?in (the )?examples\b`)
	testSecRE = prefilter.MustCompile(`\btest(s|ing)?\b`)
	testTxtRE = prefilter.MustCompile(`\b(unit|integration|e2e|end-to-end) tests?\b|\btested\b|\btests? (for|cover)`)
)

// plainLower lower-cases text and drops backticks and typographic quotes.
func plainLower(s string) string {
	return quoteFolder.Replace(strings.ToLower(s))
}

// quoteFolder drops backticks and makes typographic quotes plain. A
// strings.Replacer builds its tables on first use, so one made here costs
// nothing at init, and each call no longer builds its own.
var quoteFolder = strings.NewReplacer("`", "", "“", `"`, "”", `"`, "’", "'", "‘", "'")

// Classify says what kind of item text is, in its section ("Pre-PR
// Verification Checklist > Testing Coverage"), and which topics it is
// about. Items of documentation sections are KindDocs; builds, test runs
// and warnings are KindProcess; testing items KindTest; the rest KindCode.
// An item no topic matches gets an empty list: a person must check it.
func Classify(section, text string) (Kind, []Topic) {
	t := plainLower(text)
	sec := plainLower(section)
	topics := []Topic{}
	add := func(tp Topic) {
		for _, x := range topics {
			if x == tp {
				return
			}
		}
		topics = append(topics, tp)
	}
	if neverListRE.MatchString(t) {
		add(TopicTermFlows)
		add(TopicTermScopes)
		add(TopicTermPop)
	}
	for _, r := range topicRules {
		if (len(r.any) == 0 || matchAny(r.any, t)) && matchAll(r.all, t) && !matchAny(r.except, t) {
			add(r.topic)
		}
	}
	// A TokenBindingCertificate is what binds the assertion; it is not the
	// BindingCertificate a test checks on the result.
	var kind Kind
	switch {
	case processRE.MatchString(t) && !strings.Contains(t, "example"):
		kind = KindProcess
	case docsSecRE.MatchString(lastPart(sec)) || docsSecRE.MatchString(sec) && !testSecRE.MatchString(lastPart(sec)) || docsTxtRE.MatchString(t):
		kind = KindDocs
	case testSecRE.MatchString(lastPart(sec)) || testTxtRE.MatchString(t):
		kind = KindTest
	default:
		kind = KindCode
	}
	return kind, topics
}

// lastPart is the innermost part of "Section > Group".
func lastPart(sec string) string {
	if i := strings.LastIndex(sec, ">"); i >= 0 {
		return sec[i+1:]
	}
	return sec
}

func matchAny(rs []*prefilter.Regexp, s string) bool {
	for _, r := range rs {
		if r.MatchString(s) {
			return true
		}
	}
	return false
}

func matchAll(rs []*prefilter.Regexp, s string) bool {
	for _, r := range rs {
		if !r.MatchString(s) {
			return false
		}
	}
	return true
}
