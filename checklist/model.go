// Package checklist reads the team's mTLS PoP guidance documents (YAML front
// matter plus Markdown) into a typed model: the path globs the guidance
// applies to, the flow definitions, the terminology rules, the anti-patterns,
// each flow's reviewer focus list, the documentation review focus areas and
// the pre-PR checklist. Every item keeps the file and line it came from, and
// the topics (what it is about) that rules verify.
package checklist

// Topic names what a checklist or focus item is about, independent of its
// wording, so that rules can claim the items they verify and rewording the
// guidance does not break the mapping.
type Topic string

// The topics reviewbot knows. An item may have several; an item with none
// can only be checked by a person (status manual).
const (
	TopicSecretLogging    Topic = "secret-logging"    // no tokens, assertions, keys or secrets in logs
	TopicHardcodedSecret  Topic = "hardcoded-secret"  // no secret literals in code
	TopicRegion           Topic = "region"            // real Azure region strings
	TopicPlaceholder      Topic = "placeholder"       // no placeholder values, complete examples
	TopicCertDisposal     Topic = "cert-disposal"     // certificate handling, no premature disposal
	TopicTokenBinding     Topic = "token-binding"     // TokenBindingCertificate in ClientSignedAssertion
	TopicExchangeAudience Topic = "exchange-audience" // leg 1 targets api://AzureADTokenExchange
	TopicAssertionType    Topic = "assertion-type"    // client_assertion_type is jwt-pop
	TopicClientAssertion  Topic = "client-assertion"  // leg 2 uses WithClientAssertion
	TopicMtlsEndpoint     Topic = "mtls-endpoint"     // regional mtlsauth.microsoft.com endpoint
	TopicSingleAcquire    Topic = "single-acquire"    // vanilla: one acquisition, no legs
	TopicAppCertificate   Topic = "app-certificate"   // vanilla: WithCertificate at app level
	TopicRequestPop       Topic = "request-pop"       // WithMtlsProofOfPossession at request level
	TopicTokenTypeAssert  Topic = "token-type-assert" // tests assert TokenType == "mtls_pop"
	TopicBindingCertCheck Topic = "binding-cert"      // tests assert / check BindingCertificate
	TopicAuthScheme       Topic = "auth-scheme"       // Authorization scheme is the token type
	TopicTermFlows        Topic = "term-flows"        // vanilla vs FIC not mixed, no legs in vanilla
	TopicTermScopes       Topic = "term-scopes"       // resource vs scopes
	TopicTermPop          Topic = "term-pop"          // "mTLS PoP", never a bare "PoP"
	TopicDocWhenToUse     Topic = "doc-when-to-use"   // docs start with "When to Use"
	TopicDocVerification  Topic = "doc-verification"  // docs show verification / success criteria
	TopicDocTestRefs      Topic = "doc-test-refs"     // docs reference real test files
	TopicDocFlowDiagram   Topic = "doc-flow-diagram"  // docs have a flow diagram or description
	TopicSendX5c          Topic = "send-x5c"          // WithCertificate(cert, sendX5C: true) for SNI
)

// Kind says what part of a change an item is about; it decides when an item
// is not applicable (documentation items on a code-only change, say).
type Kind string

// The kinds of item.
const (
	KindCode    Kind = "code"
	KindTest    Kind = "test"
	KindDocs    Kind = "docs"
	KindProcess Kind = "process" // done by a person outside the diff: builds, test runs
)

// Item is one checklist or focus-list entry as the guidance writes it.
type Item struct {
	// ID is stable for the same section and text: a short slug.
	ID      string  `json:"id"`
	Text    string  `json:"text"`
	Section string  `json:"section"`
	Source  string  `json:"source"`
	Line    int     `json:"line"`
	Kind    Kind    `json:"kind"`
	Topics  []Topic `json:"topics"`
}

// Group is a titled list of items: one sub-heading of the pre-PR checklist,
// of the documentation review focus areas, or one flow's focus list.
type Group struct {
	Title string `json:"title"`
	Items []Item `json:"items"`
}

// FlowDef is a flow definition section ("Vanilla Flow (No Legs)").
type FlowDef struct {
	// Flow is "vanilla" or "fic".
	Flow            string   `json:"flow"`
	Title           string   `json:"title"`
	Definition      string   `json:"definition"`
	Characteristics []string `json:"characteristics"`
	Source          string   `json:"source"`
	Line            int      `json:"line"`
}

// Term is one terminology rule: a term to ALWAYS use, or an anti-pattern
// never to use.
type Term struct {
	Always  bool   `json:"always"`
	Term    string `json:"term"`
	Meaning string `json:"meaning,omitempty"`
	Example string `json:"example,omitempty"`
	Correct string `json:"correct,omitempty"`
	Source  string `json:"source"`
	Line    int    `json:"line"`
}

// AntiPattern is a ❌/✅ pair from the guidance: what not to write and what
// to write instead.
type AntiPattern struct {
	Title  string `json:"title"`
	Bad    string `json:"bad"`
	Good   string `json:"good"`
	Source string `json:"source"`
	// Line is where the ❌ form starts (the ✅ form when there is no ❌).
	Line int `json:"line"`
	// GoodLine is where the ✅ form starts, when the guidance gives one on
	// its own line.
	GoodLine int `json:"good_line,omitempty"`
}

// Warning is something in a guidance document that reviewbot could not use
// as written and what it did instead.
type Warning struct {
	Source  string `json:"source"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func (w Warning) String() string {
	if w.Line > 0 {
		return w.Source + ":" + itoa(w.Line) + ": " + w.Message
	}
	return w.Source + ": " + w.Message
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// Guidance is one guidance document, or several merged.
type Guidance struct {
	// Sources names the documents read, in order.
	Sources     []string `json:"sources"`
	SkillName   string   `json:"skill_name"`
	Version     string   `json:"version"`
	Description string   `json:"description"`
	Tags        []string `json:"tags"`
	// Globs are the applies_to entries that are path globs.
	Globs []string `json:"globs"`
	// Labels are applies_to entries that are not path globs
	// ("MSAL.NET/mTLS-PoP"); they scope nothing.
	Labels       []string      `json:"labels"`
	Flows        []FlowDef     `json:"flows"`
	Terms        []Term        `json:"terms"`
	AntiPatterns []AntiPattern `json:"anti_patterns"`
	// Focus holds each flow's reviewer focus list, keyed "vanilla" and
	// "fic"; "all" holds a focus list for whichever flow the change is (the
	// Key Points of a document that names no flow). Reviewer lists that apply whatever the flow (the real-world
	// "Must Have / Should Have" sections) are in Checklist.
	Focus map[string][]Group `json:"focus"`
	// DocFocus is the documentation review focus areas.
	DocFocus []Group `json:"doc_focus"`
	// Checklist is the pre-PR checklist grouped by its sub-headings.
	Checklist []Group   `json:"checklist"`
	Warnings  []Warning `json:"warnings"`
}
