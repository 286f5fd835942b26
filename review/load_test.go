package review

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/reviewbot/reviewbot/internal/corpus"
)

// TestLoad holds the front door to what its parts do: the guidance, from
// a file system or OS paths, and the change, from patches, a git range or a
// diff, with each failure an *InputError naming its input.
func TestLoad(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "testdata", "sample-fic.diff"))
	require.NoError(t, err)
	dir, err := corpus.Dir()
	require.NoError(t, err)
	skill := filepath.Join(dir, "guidance", "msal-mtls-pop-guidance.SKILL.md")
	guide, err := os.ReadFile(skill)
	require.NoError(t, err)
	base := fstest.MapFS{"docs/skill.md": {Data: guide}}
	patch := Patch{Path: "a.cs", Status: "modified", Patch: "@@ -1,1 +1,2 @@\n a\n+b\n"}

	for _, tc := range []struct {
		name       string
		in         Input
		wantFiles  int  // files in the change
		wantGuide  bool // a guidance other than the embedded default
		wantPaths  []string
		wantInput  string // the input an error names
		wantErr    string // a piece of its text
		wantErrIs  error
		patchesRan bool
	}{
		{name: "a diff, the embedded guidance", in: Input{Diff: strings.NewReader(string(sample)), DiffName: "x.diff"}, wantFiles: 2},
		{name: "guidance from a file system", in: Input{Diff: strings.NewReader(string(sample)), Guidance: []string{"docs/*.md"}, GuidanceFS: base},
			wantFiles: 2, wantGuide: true, wantPaths: []string{"docs/skill.md"}},
		{name: "guidance from OS paths", in: Input{Diff: strings.NewReader(string(sample)), Guidance: []string{skill}}, wantFiles: 2, wantGuide: true},
		{name: "patches", in: Input{Patches: func(context.Context) ([]Patch, error) { return []Patch{patch}, nil }}, wantFiles: 1, patchesRan: true},
		{name: "patches come first", in: Input{Patches: func(context.Context) ([]Patch, error) { return []Patch{patch}, nil }, Diff: strings.NewReader(string(sample))},
			wantFiles: 1, patchesRan: true},
		{name: "a broken guidance fails before the patches are asked for",
			in:        Input{Guidance: []string{"docs/none.md"}, GuidanceFS: base, Patches: func(context.Context) ([]Patch, error) { return nil, errors.New("listed") }},
			wantInput: InputGuidance, wantErr: "docs/none.md", wantErrIs: os.ErrNotExist},
		{name: "the patches fail", in: Input{Patches: func(context.Context) ([]Patch, error) { return nil, errors.New("list files of PR #7: 502") }},
			wantInput: InputChange, wantErr: "list files of PR #7: 502", patchesRan: true},
		{name: "an empty diff", in: Input{Diff: strings.NewReader(""), DiffName: "empty.diff"}, wantInput: InputChange, wantErr: "empty.diff: ", wantErrIs: ErrEmptyDiff},
		{name: "a git range outside a repository", in: Input{GitDir: t.TempDir(), GitRange: "main...HEAD", Diff: strings.NewReader(string(sample))},
			wantInput: InputChange, wantErr: "--git main...HEAD: "},
		{name: "no change named", in: Input{}, wantInput: InputChange, wantErrIs: errNoChange},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ran := false
			if p := tc.in.Patches; p != nil {
				tc.in.Patches = func(ctx context.Context) ([]Patch, error) { ran = true; return p(ctx) }
			}
			tc.in.Options.Flow = FIC
			rv, err := Load(context.Background(), tc.in)
			assert.Equal(t, tc.patchesRan, ran, "the patches asked for")
			if tc.wantInput != "" {
				require.Error(t, err)
				var ie *InputError
				require.ErrorAs(t, err, &ie)
				assert.Equal(t, tc.wantInput, ie.Input)
				assert.Equal(t, ie.Err.Error(), err.Error(), "the cause's text, as it is")
				assert.Contains(t, err.Error(), tc.wantErr)
				if tc.wantErrIs != nil {
					assert.ErrorIs(t, err, tc.wantErrIs)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantFiles, rv.Change.Len())
			assert.Equal(t, tc.wantGuide, rv.Options.Guidance != nil)
			assert.Equal(t, tc.wantPaths, rv.GuidancePaths)
			assert.Equal(t, FIC, rv.Options.Flow, "the options given are kept")
			res, err := rv.Run()
			require.NoError(t, err)
			want, err := rv.Change.Run(rv.Options)
			require.NoError(t, err)
			assert.Equal(t, want, res, "Run is the change's run by the options")
			assert.Equal(t, FIC, res.Flow)
		})
	}
}
