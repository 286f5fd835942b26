package source

// methodMemo keeps what ScopeAt finds about a C# file's lines: rules ask
// for the method around many lines of the same method, and each answer
// walks back to the same declaration line, so the header test (a regexp)
// and the brace count of the body run once per line, not once per call.
type methodMemo struct {
	// header is 0 when line h is not tested yet, 1 when it is a method's
	// declaration line (headerAt), 2 when it is not.
	header []uint8
	// method is methodAt of each declaration line tested so far.
	method map[int]methodExtent
}

// methodExtent is one answer of methodAt.
type methodExtent struct {
	sc Scope
	ok bool
}

func (v *View) methodMemo() *methodMemo {
	if v.methods == nil {
		v.methods = &methodMemo{header: make([]uint8, len(v.text)), method: map[int]methodExtent{}}
	}
	return v.methods
}

// isHeader is headerAt(h), tested once per line.
func (v *View) isHeader(h int) bool {
	m := v.methodMemo()
	if m.header[h] == 0 {
		m.header[h] = 2
		if v.headerAt(h) {
			m.header[h] = 1
		}
	}
	return m.header[h] == 1
}

// scopeOf is methodAt(h), found once per declaration line.
func (v *View) scopeOf(h int) (Scope, bool) {
	m := v.methodMemo()
	e, done := m.method[h]
	if !done {
		e.sc, e.ok = v.methodAt(h)
		m.method[h] = e
	}
	return e.sc, e.ok
}
