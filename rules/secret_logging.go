package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/reviewbot/reviewbot/internal/prefilter"
	"github.com/reviewbot/reviewbot/rules/source"
	"github.com/reviewbot/reviewbot/topic"
)

// SecretLogging flags print and log calls that write a token, an
// assertion, a private key or a client secret.
var SecretLogging = &Rule{
	ID: "secret-logging",
	Doc: `Never log tokens, assertions, private keys or client secrets.
An access, ID or refresh token, a leg 1 assertion or a private key written
to the console, a debug or trace listener, an ILogger or a test output
helper ends up in build logs and telemetry where anyone can replay it; even
a prefix of a token (Substring, AsSpan, a range) leaks its header and
claims. So does a secret the code fetches with the token and prints: the
body of a Key Vault secret GET, a GetSecret result's Value. The rule
follows string interpolation, format arguments and local variables
assigned from a secret.
Logging metadata is fine: ExpiresOn, TokenType, scopes, the binding
certificate's thumbprint, a length, or a value passed through a masking or
hashing function.

Bad:
    Console.WriteLine($"Access token: {authResult.AccessToken}");
    _output.WriteLine("Key: " + cert.PrivateKey);

Good:
    Console.WriteLine($"Token acquired, expires: {authResult.ExpiresOn}");
    Console.WriteLine($"Token type: {authResult.TokenType}");`,
	Severity: Error,
	Topics:   []topic.Topic{topic.SecretLogging},
	Check:    checkSecretLogging,
	Triggers: source.TrigLogMethod,
}

// logMethods are the method names of print and log calls; the receiver
// test is in isLogCall.
var logMethods = map[string]bool{
	"Write": true, "WriteLine": true, "WriteAsync": true, "WriteLineAsync": true, "Print": true,
	"WriteIf": true, "WriteLineIf": true, "TraceInformation": true, "TraceWarning": true, "TraceError": true,
	"Log": true, "LogTrace": true, "LogDebug": true, "LogInformation": true, "LogWarning": true,
	"LogError": true, "LogCritical": true, "Info": true, "InfoPii": true, "Verbose": true,
	"VerbosePii": true, "Warning": true, "WarningPii": true, "Error": true, "ErrorPii": true,
	"Always": true, "AlwaysPii": true, "Information": true, "Debug": true, "Warn": true,
	"Fatal": true, "Trace": true,
}

// logCall is a print or log call found in code: its receiver (the last
// one or two names: "Console.Out", "_logger"), method and the offset of
// its opening parenthesis.
type logCall struct {
	recv, method string
	open         int
}

// findLogCalls returns the print and log calls that open in s[:limit].
func findLogCalls(s string, limit int) []logCall {
	var out []logCall
	for i := 0; i < limit && i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		j := i
		for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
			j--
		}
		e := j
		for j > 0 && isIdentByte(s[j-1]) {
			j--
		}
		method := s[j:e]
		if !logMethods[method] {
			continue
		}
		// Receiver: name(s) before ".", "?.".
		k := j
		for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
			k--
		}
		if k == 0 || s[k-1] != '.' {
			continue
		}
		k--
		if k > 0 && s[k-1] == '?' {
			k--
		}
		names := []string{}
		for len(names) < 2 {
			for k > 0 && (s[k-1] == ' ' || s[k-1] == '\t') {
				k--
			}
			re := k
			for k > 0 && isIdentByte(s[k-1]) {
				k--
			}
			if k == re {
				break
			}
			names = append([]string{s[k:re]}, names...)
			if k == 0 || s[k-1] != '.' {
				break
			}
			k--
		}
		if len(names) == 0 {
			continue
		}
		recv := names[len(names)-1]
		if len(names) == 2 && (names[0] == "Console" || names[0] == "Diagnostics") {
			recv = names[0] + "." + names[1]
		}
		out = append(out, logCall{recv: recv, method: method, open: i})
	}
	return out
}

func isLogCall(recv, method string) bool {
	switch {
	case strings.HasSuffix(recv, "Console") || strings.HasSuffix(recv, "Console.Out") || strings.HasSuffix(recv, "Console.Error"):
		return strings.HasPrefix(method, "Write")
	case recv == "Debug" || recv == "Trace" || strings.HasSuffix(recv, "Diagnostics.Debug") || strings.HasSuffix(recv, "Diagnostics.Trace"):
		return strings.HasPrefix(method, "Write") || strings.HasPrefix(method, "Trace") || method == "Print"
	}
	l := strings.ToLower(strings.TrimLeft(recv, "_"))
	switch {
	case strings.HasSuffix(l, "logger") || l == "log" || strings.HasSuffix(l, "log") || strings.HasSuffix(l, "logadapter"):
		return !strings.HasPrefix(method, "Write") || method == "Write" || method == "WriteLine"
	case strings.HasSuffix(l, "output") || strings.HasSuffix(l, "outputhelper") || strings.HasSuffix(l, "testcontext") || l == "writer" || strings.HasSuffix(l, "console"):
		return strings.HasPrefix(method, "Write")
	}
	return false
}

var (
	// identChainRe is a member-access chain: a.b?.c!.d.
	identChainRe = prefilter.MustCompile(`[A-Za-z_@][\w]*(?:\s*[?!]?\.\s*[A-Za-z_][\w]*)*`)
)

// assignment splits "[type] name = rhs" at its first plain = (not ==,
// =>, !=, <=, >=).
func assignment(code string) (name, rhs string, ok bool) {
	for i := 0; i < len(code); i++ {
		if code[i] != '=' {
			continue
		}
		if i+1 < len(code) && (code[i+1] == '=' || code[i+1] == '>') {
			i++
			continue
		}
		if i > 0 && strings.ContainsRune("=!<>+-*/%&|^?", rune(code[i-1])) {
			continue
		}
		lhs := strings.TrimRight(code[:i], " \t")
		j := len(lhs)
		for j > 0 && isIdentByte(lhs[j-1]) {
			j--
		}
		if j == len(lhs) || lhs[j] >= '0' && lhs[j] <= '9' {
			return "", "", false
		}
		return lhs[j:], code[i+1:], true
	}
	return "", "", false
}

// secretName reports whether an identifier names secret material.
func secretName(id string) bool {
	l := strings.ToLower(strings.TrimLeft(id, "_@"))
	l = strings.TrimPrefix(l, "s_")
	l = strings.TrimPrefix(l, "m_")
	if strings.Contains(l, "cancel") || strings.Contains(l, "continuation") || strings.Contains(l, "paging") || strings.Contains(l, "csrf") || strings.HasPrefix(l, "ct") && len(l) <= 3 {
		return false
	}
	for _, s := range []string{"accesstoken", "idtoken", "refreshtoken", "token", "assertion", "secret", "privatekey", "password", "jwt", "privatekeypem", "clientsecret"} {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return strings.Contains(l, "privatekey")
}

// Calls a secret may pass through and still be the secret (or part of it).
var passThrough = map[string]bool{
	"Substring": true, "ToString": true, "Trim": true, "TrimEnd": true, "TrimStart": true,
	"AsSpan": true, "Concat": true, "Format": true, "Join": true, "ToUpper": true,
	"ToLower": true, "ToUpperInvariant": true, "ToLowerInvariant": true, "Insert": true,
	"Take": true, "ToArray": true, "Encode": true, "GetString": true, "ToBase64String": true,
	"Export": true, "ExportRSAPrivateKey": true, "ExportPkcs8PrivateKey": true, "ExportECPrivateKey": true,
	"ExportEncryptedPkcs8PrivateKey": true, "ExportSubjectPublicKeyInfo": false,
}

// exposedSecrets returns the secret references of expression text s (as
// code, string literal contents already removed) that reach the
// expression's value: not passed to a masking or other function, not
// followed by a member such as .Length or .ExpiresOn, not compared.
func exposedSecrets(s string) []int {
	if len(s) > maxExpr {
		s = s[:maxExpr]
	}
	var out []int
	if !source.ContainsAny(strings.ToLower(s), source.SecretHints...) {
		return nil
	}
	for _, m := range identChainRe.FindAllStringIndex(s, -1) {
		chain := s[m[0]:m[1]]
		last := lastMember(chain)
		rest := strings.TrimLeft(s[m[1]:], " \t\n")
		if prefixCall[last] && strings.HasPrefix(rest, "(") {
			// A part of the secret (token.Substring(0, 20),
			// token.AsSpan(0, 32)) leaks as much as its header and claims.
			if i := strings.LastIndexByte(chain, '.'); i > 0 && secretName(lastMember(strings.TrimRight(chain[:i], " \t\n?!"))) {
				last, rest = lastMember(strings.TrimRight(chain[:i], " \t\n?!")), "."+last
			}
		}
		if !secretName(last) {
			continue
		}
		// A call on the last member (x.GetToken()) is a method, not data,
		// unless it exports a key.
		if strings.HasPrefix(rest, "(") && !strings.HasPrefix(last, "Export") {
			continue
		}
		// Declarations and lambdas parameters: "string token," "(token) =>".
		if m[0] > 0 && isTypeBefore(tail(s[:m[0]])) {
			continue
		}
		if strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==") && !strings.HasPrefix(rest, "=>") {
			continue
		}
		if compared(tail(s[:m[0]]), rest) || conditional(rest) || boolName(last) {
			continue
		}
		if !reachesValue(s, m[0]) {
			continue
		}
		out = append(out, m[0])
	}
	return out
}

// prefixCall are the calls that take a part of a string: on a secret,
// their result is still secret.
var prefixCall = map[string]bool{
	"Substring": true, "AsSpan": true, "AsMemory": true, "Slice": true, "Remove": true,
	"Take": true, "Skip": true, "ToCharArray": true, "PadRight": true,
}

// maxExpr bounds the expression text the rule reasons about, so a
// minified or generated line cannot make it quadratic.
const maxExpr = 4000

// tail is the end of the text before a reference, enough for the
// declaration and comparison checks.
func tail(s string) string {
	if len(s) > 40 {
		return s[len(s)-40:]
	}
	return s
}

// conditional reports whether the text after a reference makes it a
// condition (flag ? a : b, flag && x), not a value.
func conditional(after string) bool {
	return strings.HasPrefix(after, "? ") || strings.HasPrefix(after, "?\n") || strings.HasPrefix(after, "&&") || strings.HasPrefix(after, "||")
}

// boolName reports whether an identifier names a flag about a secret
// (s_printFullToken, hasToken) rather than the secret.
func boolName(id string) bool {
	id = strings.TrimLeft(id, "_@")
	id = strings.TrimPrefix(strings.TrimPrefix(id, "s_"), "m_")
	return boolNameRe.MatchString(id)
}

var boolNameRe = prefilter.MustCompile(`^(?:is|has|should|print|show|use|enable|log|include|can|needs|saw|expect)(?:[A-Z_]|$)`)

var chainCleaner = strings.NewReplacer("?", "", "!", "", " ", "", "\t", "", "\n", "")

func splitChain(c string) []string {
	return strings.Split(chainCleaner.Replace(c), ".")
}

// lastMember returns the last name of a member-access chain.
func lastMember(c string) string {
	i := strings.LastIndexByte(c, '.')
	return strings.TrimLeft(c[i+1:], " \t\n")
}

var typeBeforeRe = prefilter.MustCompile(`\b(?:string|var|object|byte\[\]|ReadOnlySpan<char>)\s*$|\bnameof\s*\(\s*$|\bout\s+\w*\s*$`)

func isTypeBefore(s string) bool { return typeBeforeRe.MatchString(s) }

var compareBeforeRe = prefilter.MustCompile(`(?:==|!=|\bis\b|\?\?)\s*$`)

func compared(before, after string) bool {
	for _, op := range []string{"==", "!=", " is ", "is null", "is not", "?? ", ">", "<"} {
		if strings.HasPrefix(after, strings.TrimLeft(op, " ")) {
			return true
		}
	}
	return compareBeforeRe.MatchString(before)
}

// reachesValue reports whether the reference at off is not swallowed by an
// enclosing call (Mask(token), IsNullOrEmpty(token)): every enclosing call
// up to the top of s must be a pass-through.
func reachesValue(s string, off int) bool {
	depth := 0
	for j := off - 1; j >= 0; j-- {
		switch s[j] {
		case ')', ']', '}':
			depth++
		case '(', '[':
			if depth > 0 {
				depth--
				continue
			}
			if s[j] == '[' {
				continue
			}
			// Name of the call, if any.
			k := j - 1
			for k >= 0 && (s[k] == ' ' || s[k] == '\t') {
				k--
			}
			e := k + 1
			for k >= 0 && (isIdentByte(s[k])) {
				k--
			}
			name := s[k+1 : e]
			if name == "" || name == "if" || name == "return" || name == "await" || name == "string" {
				continue
			}
			if !passThrough[name] {
				return false
			}
		case '{':
			if depth > 0 {
				depth--
			}
		}
	}
	return true
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// stripLiterals blanks the contents of string literals, keeping the code
// in interpolation holes of $"..." strings.
func stripLiterals(s string) string { return source.Blank(s, true) }

func checkSecretLogging(p *Pass) {
	v := NewView(p)
	if !v.IsCode() && !v.IsMarkdown() {
		return
	}
	fetches := false
	for n := 1; n <= v.Len() && !fetches; n++ {
		fetches = v.HasFold(n, source.TrigSecretWord) && v.IsCodeLine(n) && source.ContainsAny(v.Code(n), "/secrets/", "GetSecret")
	}
	var tainted map[string]string
	locals := func() map[string]string {
		if tainted == nil {
			tainted = secretLocals(v)
		}
		return tainted
	}
	for _, l := range v.CodeLines() {
		if !v.May(l.N, source.TrigLogMethod) || !source.ContainsAny(v.Code(l.N), source.LogMethodHints...) || len(findLogCalls(v.Code(l.N), len(v.Code(l.N)))) == 0 {
			continue
		}
		sp := v.SpanFrom(l.N, 1)
		if strings.Count(sp.Text, "(") != strings.Count(sp.Text, ")") {
			sp = v.SpanFrom(l.N, 15)
		}
		scanLogCalls(p, v, sp, len(v.Code(l.N)), locals)
		if fetches {
			scanFetchedSecrets(p, v, sp, len(v.Code(l.N)))
		}
	}
	// Inline code in prose is an example too: `Console.WriteLine(result.AccessToken)`.
	for _, l := range v.CheckedProse() {
		if !v.May(l.N, source.TrigLogMethod) {
			continue // findLogCalls needs a log method's name
		}
		for _, m := range inlineSpanRe.FindAllStringIndex(l.Text, -1) {
			code := l.Text[m[0]+1 : m[1]-1]
			sp := source.Span{Text: code, Starts: []int{0}, Lines: []int{l.N}}
			scanLogCalls(p, v, sp, len(code), func() map[string]string { return nil })
		}
	}
}

var inlineSpanRe = prefilter.MustCompile("`[^`]+`")

// scanLogCalls reports the secrets written by log calls that start in
// sp.text before offset limit (the first line of the span).
// locals gives the locals assigned from a secret (see secretLocals); it
// is called only when a log call writes a bare local.
func scanLogCalls(p *Pass, v *source.View, sp source.Span, limit int, locals func() map[string]string) {
	limit = min(limit, len(sp.Text))
	for _, c := range findLogCalls(sp.Text, limit) {
		recv, method := c.recv, c.method
		if !isLogCall(recv, method) {
			continue
		}
		open := c.open
		end := source.CloseParen(sp.Text, open)
		if end < 0 {
			continue
		}
		args := stripLiterals(sp.Text[open+1 : end])
		if len(args) > maxExpr {
			args = args[:maxExpr]
		}
		base := open + 1
		seen := map[int]bool{}
		report := func(off int, what string) {
			line := sp.LineAt(base + off)
			if seen[line] || !v.Added(line) || v.BadExample(line) {
				return
			}
			seen[line] = true
			p.Report(Finding{
				Line:    line,
				Message: fmt.Sprintf("%s.%s writes %s to the log: log metadata only, such as $\"Token acquired, expires: {result.ExpiresOn}\", never tokens, assertions, keys or secrets.", recv, method, what),
			})
		}
		for _, off := range exposedSecrets(args) {
			chain := identChainRe.FindString(args[off:])
			report(off, describeSecret(chain))
		}
		if len(locals()) == 0 {
			continue // no local holds a secret: no bare name to look up
		}
		for _, m := range identChainRe.FindAllStringIndex(args, -1) {
			id := args[m[0]:m[1]]
			if strings.ContainsAny(id, ". \t\n") || strings.HasPrefix(strings.TrimLeft(args[m[1]:], " "), "(") {
				continue // a member chain or a call, not a bare local
			}
			src, ok := locals()[id]
			if !ok {
				continue
			}
			rest := strings.TrimLeft(args[m[1]:], " ")
			if reachesValue(args, m[0]) && !compared(tail(args[:m[0]]), rest) && !strings.HasPrefix(rest, ".") {
				report(m[0], fmt.Sprintf("%s (from %s)", id, src))
			}
		}
	}
}

// describeSecret names what a secret reference holds for the message.
func describeSecret(chain string) string {
	parts := splitChain(chain)
	last := strings.ToLower(parts[len(parts)-1])
	part := ""
	if len(parts) > 1 && prefixCall[parts[len(parts)-1]] {
		last, part = strings.ToLower(parts[len(parts)-2]), "a part of "
	}
	what := "a secret"
	switch {
	case strings.Contains(last, "privatekey"):
		what = "a private key"
	case strings.Contains(last, "assertion"):
		what = "an assertion"
	case strings.Contains(last, "secret") || strings.Contains(last, "password"):
		what = "a client secret"
	case strings.Contains(last, "token") || strings.Contains(last, "jwt"):
		what = "a token"
	}
	if part != "" {
		what = part + what
	}
	return what + " (" + strings.Join(parts, ".") + ")"
}

// secretLocals finds locals assigned from a secret in known code lines:
// name -> the secret expression it holds (or a part of).
func secretLocals(v *source.View) map[string]string {
	out := map[string]string{}
	for _, l := range v.CodeLines() {
		if !strings.Contains(v.Code(l.N), "=") || !v.HasFold(l.N, source.TrigSecretName) {
			continue
		}
		code := stripLiterals(v.Code(l.N))
		name, rhs, ok := assignment(code)
		if !ok {
			continue
		}
		if secretName(name) {
			continue // already caught by name
		}
		if i := strings.IndexByte(rhs, ';'); i >= 0 {
			rhs = rhs[:i]
		}
		if offs := exposedSecrets(rhs); len(offs) > 0 {
			out[name] = strings.Join(splitChain(identChainRe.FindString(rhs[offs[0]:])), ".")
		}
	}
	return out
}

var (
	// A Key Vault secret URL: what a GET of it returns holds the secret.
	secretURLRe = prefilter.MustCompile(`(?i)\.vault\.azure\.net/secrets/|\.vault\.azure\.net/"?\s*\+\s*"?secrets/`)
	// HTTP calls whose result is the response body, or a response whose
	// Content is the body.
	bodyCallRe     = prefilter.MustCompile(`\bGet(?:String|ByteArray|Stream|FromJson)Async\s*\(`)
	responseCallRe = prefilter.MustCompile(`\b(?:GetAsync|SendAsync|PostAsync)\s*\(`)
	// SDK calls that return a secret holder (KeyVaultSecret: .Value).
	getSecretRe = prefilter.MustCompile(`\bGetSecret(?:Async)?\s*\(`)
)

// fetchKind says what a local holds of a secret fetched from Key Vault.
type fetchKind int

const (
	fetchBody   fetchKind = iota + 1 // the secret itself (a body, a value)
	fetchHolder                      // a response or KeyVaultSecret: .Content / .Value is the secret
)

// fetchedSecrets follows, through code lines from..to (comments blanked),
// the locals that hold a secret fetched from Key Vault with the token:
// the URL of a secret, the HTTP response of a GET of it, its body (and
// what is read from the body), a GetSecret(Async) result. It returns each
// local's kind and what it came from.
func fetchedSecrets(v *source.View, from, to int) (map[string]fetchKind, map[string]string) {
	kinds := map[string]fetchKind{}
	src := map[string]string{}
	urls := map[string]bool{}
	for n := from; n <= to; n++ {
		code := v.Code(n)
		if !strings.Contains(code, "=") {
			continue
		}
		stripped := stripLiterals(code)
		name, rhs, ok := assignment(stripped)
		if !ok {
			continue
		}
		// stripLiterals keeps offsets: the right-hand side with its literals.
		full := code[len(stripped)-len(rhs):]
		if i := strings.IndexByte(rhs, ';'); i >= 0 {
			rhs, full = rhs[:i], full[:i]
		}
		url := secretURLRe.MatchString(full)
		for u := range urls {
			url = url || identIn(rhs, u)
		}
		holderUse, bodyUse := "", ""
		for h, k := range kinds {
			switch {
			case k == fetchHolder && (identIn(rhs, h+".Content") || identIn(rhs, h+".Value")):
				holderUse = h
			case k == fetchBody && identIn(rhs, h) && !lengthOnly(rhs, h):
				bodyUse = h
			}
		}
		switch {
		case url && bodyCallRe.MatchString(rhs):
			kinds[name], src[name] = fetchBody, "a Key Vault secret"
		case url && responseCallRe.MatchString(rhs):
			kinds[name], src[name] = fetchHolder, "a Key Vault secret"
		case url:
			urls[name] = true
		case getSecretRe.MatchString(rhs):
			kinds[name], src[name] = fetchHolder, "a Key Vault secret"
		case holderUse != "":
			kinds[name], src[name] = fetchBody, src[holderUse]
		case bodyUse != "":
			kinds[name], src[name] = fetchBody, src[bodyUse]
		}
	}
	return kinds, src
}

// identIn reports whether s holds the name (or member chain) id as a
// whole word.
func identIn(s, id string) bool {
	for i := 0; ; {
		k := strings.Index(s[i:], id)
		if k < 0 {
			return false
		}
		a, b := i+k, i+k+len(id)
		if (a == 0 || !isIdentByte(s[a-1]) && s[a-1] != '.') && (b == len(s) || !isIdentByte(s[b])) {
			return true
		}
		i = b
	}
}

// lengthOnly reports whether every use of name in s reads only its length
// or count, which is metadata.
func lengthOnly(s, name string) bool {
	re := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\b(\s*[?!]?\.\s*(?:Length|Count)\b)?`)
	for _, m := range re.FindAllStringSubmatch(s, -1) {
		if m[1] == "" {
			return false
		}
	}
	return true
}

// scanFetchedSecrets reports the log calls starting in sp.text before
// limit that write a secret the code fetched from Key Vault with the
// token (see fetchedSecrets), looking back through the member or C#
// block the call is in.
func scanFetchedSecrets(p *Pass, v *source.View, sp source.Span, limit int) {
	if len(sp.Lines) == 0 {
		return
	}
	n := sp.Lines[0]
	from := max(1, n-60)
	if sc, ok := v.ScopeAt(n); ok {
		from = sc.Start
	} else if b, ok := v.BlockAt(n); ok {
		from = max(b.Start, from)
	}
	var kinds map[string]fetchKind
	var src map[string]string
	for _, c := range findLogCalls(sp.Text, min(limit, len(sp.Text))) {
		if !isLogCall(c.recv, c.method) {
			continue
		}
		end := source.CloseParen(sp.Text, c.open)
		if end < 0 {
			continue
		}
		if kinds == nil {
			kinds, src = fetchedSecrets(v, from, n-1)
		}
		if len(kinds) == 0 {
			return
		}
		args := stripLiterals(sp.Text[c.open+1 : end])
		for name, k := range kinds {
			what := name
			switch {
			case k == fetchBody && identIn(args, name) && !lengthOnly(args, name):
			case k == fetchHolder && identIn(args, name+".Value") && !identIn(args, name+".Value.Length"):
				what = name + ".Value"
			default:
				continue
			}
			line := sp.LineAt(c.open + 1 + strings.Index(args, name))
			if !v.Added(line) || v.BadExample(line) {
				continue
			}
			p.Report(Finding{
				Line:    line,
				Message: fmt.Sprintf("%s.%s writes %s, %s fetched with the token, to the log: print that the call succeeded (the status code), never the secret it returned.", c.recv, c.method, what, src[name]),
			})
		}
	}
}
