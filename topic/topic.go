// Package topic names what a checklist or focus item is about,
// independent of its wording: the vocabulary between the rules (each
// rule's Topics are the items it verifies) and the guidance model (package
// checklist maps each item onto topics). Neither package imports the
// other; both speak of topics.
package topic

// Topic is one thing an item can be about.
type Topic string

// The topics reviewbot knows. An item may have several; an item with none
// can only be checked by a person.
const (
	SecretLogging    Topic = "secret-logging"    // no tokens, assertions, keys or secrets in logs
	HardcodedSecret  Topic = "hardcoded-secret"  // no secret literals in code
	Region           Topic = "region"            // real Azure region strings
	Placeholder      Topic = "placeholder"       // no placeholder values, complete examples
	CertDisposal     Topic = "cert-disposal"     // certificate handling, no premature disposal
	TokenBinding     Topic = "token-binding"     // TokenBindingCertificate in ClientSignedAssertion
	ExchangeAudience Topic = "exchange-audience" // leg 1 targets api://AzureADTokenExchange
	AssertionType    Topic = "assertion-type"    // client_assertion_type is jwt-pop
	ClientAssertion  Topic = "client-assertion"  // leg 2 uses WithClientAssertion
	MtlsEndpoint     Topic = "mtls-endpoint"     // regional mtlsauth.microsoft.com endpoint
	SingleAcquire    Topic = "single-acquire"    // vanilla: one acquisition, no legs
	AppCertificate   Topic = "app-certificate"   // vanilla: WithCertificate at app level
	RequestPop       Topic = "request-pop"       // WithMtlsProofOfPossession at request level
	TokenTypeAssert  Topic = "token-type-assert" // tests assert TokenType == "mtls_pop"
	BindingCertCheck Topic = "binding-cert"      // tests assert / check BindingCertificate
	AuthScheme       Topic = "auth-scheme"       // Authorization scheme is the token type
	TermFlows        Topic = "term-flows"        // vanilla vs FIC not mixed, no legs in vanilla
	TermScopes       Topic = "term-scopes"       // resource vs scopes
	TermPop          Topic = "term-pop"          // "mTLS PoP", never a bare "PoP"
	DocWhenToUse     Topic = "doc-when-to-use"   // docs start with "When to Use"
	DocVerification  Topic = "doc-verification"  // docs show verification / success criteria
	DocTestRefs      Topic = "doc-test-refs"     // docs reference real test files
	DocFlowDiagram   Topic = "doc-flow-diagram"  // docs have a flow diagram or description
	TextIntact       Topic = "text-intact"       // no text damaged by a redaction tool (******)
	SendX5c          Topic = "send-x5c"          // WithCertificate(cert, sendX5C: true) for SNI
)
