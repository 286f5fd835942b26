// Package checklist reads the team's mTLS PoP guidance documents (YAML front
// matter plus Markdown) into a typed model: the path globs the guidance
// applies to, the flow definitions, the terminology rules, the anti-patterns,
// each flow's reviewer focus list, the documentation review focus areas and
// the pre-PR checklist. Every item keeps the file and line it came from, and
// the topics (what it is about) that rules verify.
package checklist

import "github.com/reviewbot/reviewbot/topic"

// Topic names what a checklist or focus item is about (package topic's
// vocabulary, which the rules share).
type Topic = topic.Topic

// The topics reviewbot knows, as package topic names them.
const (
	TopicSecretLogging    = topic.SecretLogging
	TopicHardcodedSecret  = topic.HardcodedSecret
	TopicRegion           = topic.Region
	TopicPlaceholder      = topic.Placeholder
	TopicCertDisposal     = topic.CertDisposal
	TopicTokenBinding     = topic.TokenBinding
	TopicExchangeAudience = topic.ExchangeAudience
	TopicAssertionType    = topic.AssertionType
	TopicClientAssertion  = topic.ClientAssertion
	TopicMtlsEndpoint     = topic.MtlsEndpoint
	TopicSingleAcquire    = topic.SingleAcquire
	TopicAppCertificate   = topic.AppCertificate
	TopicRequestPop       = topic.RequestPop
	TopicTokenTypeAssert  = topic.TokenTypeAssert
	TopicBindingCertCheck = topic.BindingCertCheck
	TopicAuthScheme       = topic.AuthScheme
	TopicTermFlows        = topic.TermFlows
	TopicTermScopes       = topic.TermScopes
	TopicTermPop          = topic.TermPop
	TopicDocWhenToUse     = topic.DocWhenToUse
	TopicDocVerification  = topic.DocVerification
	TopicDocTestRefs      = topic.DocTestRefs
	TopicDocFlowDiagram   = topic.DocFlowDiagram
	TopicTextIntact       = topic.TextIntact
	TopicSendX5c          = topic.SendX5c
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

// String writes the warning as source:line: message.
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
