package action

import (
	"fmt"
	"sort"

	"github.com/google/go-github/v60/github"

	"github.com/reviewbot/reviewbot/review"
	"github.com/reviewbot/reviewbot/rules"
)

// planInput is what deciding what to post needs: the findings with their
// fingerprints, the diff they are anchored in, what the bot posted on the
// PR before, the head commit and the inline policy. Planning does no I/O.
type planInput struct {
	findings    []rules.Finding
	fps         []string
	change      *review.Change
	prev        *earlier
	head        string
	inlineLevel rules.Severity
	maxComments int
}

// reviewPlan is what to post: the comments to draft, which findings have
// a comment (earlier or now: inline maps a finding's index to the text
// the summary shows for it), the notes for the summary, the state the new
// summary remembers, and the bot's earlier comments no finding matches
// any more (their findings were fixed).
type reviewPlan struct {
	inline map[int]string
	drafts []draft
	notes  []string
	state  state
	gone   []earlierComment
}

// planReview decides what a run posts. Findings already commented keep
// their comment; new ones on commentable lines at or above inline-level
// become comments, errors first, then warnings, then notices, each in file
// order, up to max-comments; the rest are in the summary only. One
// review's worth of comments per head commit: a re-run on the head the
// latest summary reviewed posts no new comment (the overflow past
// max-comments and the comments GitHub refused stay in the summary), and a
// comment a person deleted is not posted again on the same line.
func planReview(in planInput) reviewPlan {
	prev := in.prev
	if prev == nil {
		prev = &earlier{}
	}
	sameHead := prev.latest != nil && (prev.state.Head == in.head ||
		prev.state.Head == "" && prev.latest.GetCommitID() == in.head)

	pl := reviewPlan{inline: map[int]string{}}
	var candidates []int
	var offDiff, belowLevel, overCap int
	refused := map[string]stateEntry{}
	deleted := map[string]int{}
	commented, gone := matchComments(in.findings, in.fps, in.change, prev.comments)
	pl.gone = gone
	for i, f := range in.findings {
		if commented[i] {
			// The same text as for a new comment, so that a re-run with
			// no change renders the same summary and writes nothing.
			pl.inline[i] = inlineText
			continue
		}
		end, ok := commentLine(f, in.change)
		if !ok {
			offDiff++
			continue
		}
		if f.Severity < in.inlineLevel {
			belowLevel++
			continue
		}
		if l, ok := prev.state.Commented[in.fps[i]]; ok && l == end {
			// The bot commented here before and the comment is gone: a
			// person deleted it.
			deleted[in.fps[i]] = l
			continue
		}
		if e, ok := prev.state.Refused[in.fps[i]]; ok && sameHead {
			refused[in.fps[i]] = e
			continue
		}
		candidates = append(candidates, i)
	}
	sort.SliceStable(candidates, func(a, b int) bool {
		return in.findings[candidates[a]].Severity > in.findings[candidates[b]].Severity
	})
	for _, i := range candidates {
		if sameHead || len(pl.drafts) >= in.maxComments {
			overCap++
			continue
		}
		f := in.findings[i]
		if f.File {
			pl.drafts = append(pl.drafts, draft{idx: i, file: true, c: &github.DraftReviewComment{
				Path: github.String(f.Path),
				Body: github.String(commentBody(f, in.fps[i])),
			}})
			continue
		}
		start, end, _ := in.change.Anchor(f)
		c := &github.DraftReviewComment{
			Path: github.String(f.Path),
			Body: github.String(commentBody(f, in.fps[i])),
			Line: github.Int(end),
			Side: github.String("RIGHT"),
		}
		if start > 0 {
			c.StartLine = github.Int(start)
			c.StartSide = github.String("RIGHT")
		}
		pl.drafts = append(pl.drafts, draft{idx: i, c: c})
	}
	if offDiff > 0 {
		pl.notes = append(pl.notes, fmt.Sprintf("%d finding(s) lie on lines outside the diff's hunks, where GitHub accepts no comment: they are listed here only.", offDiff))
	}
	if belowLevel > 0 {
		pl.notes = append(pl.notes, fmt.Sprintf("%d finding(s) below inline-level (%s) are listed here only.", belowLevel, in.inlineLevel))
	}
	if overCap > 0 {
		pl.notes = append(pl.notes, fmt.Sprintf("%d more finding(s) are beyond max-comments (%d) for this head commit and are listed here only.", overCap, in.maxComments))
	}

	// State for the next run, and what was fixed since the last.
	st := state{Head: in.head, Findings: map[string]stateEntry{}, Fixed: map[string]stateEntry{}}
	for i, f := range in.findings {
		if len(st.Findings) < maxStateEntries {
			st.Findings[in.fps[i]] = stateEntry{Rule: f.Rule, Path: f.Path}
		}
	}
	for fp, e := range prev.state.Fixed {
		if _, again := st.Findings[fp]; !again && len(st.Fixed) < maxStateEntries {
			st.Fixed[fp] = e
		}
	}
	for fp, e := range prev.state.Findings {
		if _, still := st.Findings[fp]; !still && len(st.Fixed) < maxStateEntries {
			st.Fixed[fp] = e
		}
	}
	if len(st.Fixed) > 0 {
		pl.notes = append(pl.notes, fixedNote(st.Fixed))
	}
	if len(refused) > 0 {
		st.Refused, st.RefusedWhy = refused, prev.state.RefusedWhy
		pl.notes = append(pl.notes, refusedNote(len(refused), st.RefusedWhy))
	}
	st.Commented = map[string]int{}
	for fp, l := range deleted {
		st.Commented[fp] = l
	}
	for i := range commented {
		if end, ok := commentLine(in.findings[i], in.change); ok && len(st.Commented) < maxStateEntries {
			st.Commented[in.fps[i]] = end
		}
	}
	for _, d := range pl.drafts {
		if len(st.Commented) < maxStateEntries {
			st.Commented[in.fps[d.idx]] = d.c.GetLine()
		}
	}
	if len(deleted) > 0 {
		pl.notes = append(pl.notes, fmt.Sprintf("%d finding(s) whose comment someone deleted are listed here only: reviewbot does not post a deleted comment again on the same line.", len(deleted)))
	}
	for _, d := range pl.drafts {
		pl.inline[d.idx] = inlineText
	}
	pl.state = st
	return pl
}
