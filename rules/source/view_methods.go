package source

// ScopeAt's memo: rules ask for the method around many lines of the same
// method, and each answer walks back to the same declaration line, so the
// header test (a regexp) runs once per line (flagTested, flagHeader) and
// the brace count of the body once per declaration line (View.methods).

// methodExtent is one answer of methodAt.
type methodExtent struct {
	sc Scope
	ok bool
}

// isHeader is headerAt(h) of a known line h, tested once per line.
func (v *View) isHeader(h int) bool {
	in := &v.info[v.slot(h)]
	if in.flags&flagTested == 0 {
		in.flags |= flagTested
		if v.headerAt(h) {
			in.flags |= flagHeader
		}
	}
	return in.flags&flagHeader != 0
}

// scopeOf is methodAt(h), found once per declaration line.
func (v *View) scopeOf(h int) (Scope, bool) {
	e, done := v.methods[h]
	if !done {
		e.sc, e.ok = v.methodAt(h)
		if v.methods == nil {
			v.methods = map[int]methodExtent{}
		}
		v.methods[h] = e
	}
	return e.sc, e.ok
}
