package rules

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cbroglie/mustache"
)

// Limits of message templates: they are logic-less (mustache: variables and
// sections over the event's own lists, nothing that loops on its own or
// reads files), and bounded in size.
const (
	MaxTemplateLength = 64 << 10
	MaxRenderedLength = 256 << 10
)

// Template is a parsed message template.
type Template struct {
	source string
	tmpl   *mustache.Template
	html   bool
}

// noPartials refuses every partial: a template never includes a file.
type noPartials struct{}

func (noPartials) Get(name string) (string, error) {
	return "", fmt.Errorf("partials ({{> %s}}) are not allowed", name)
}

var lineRE = regexp.MustCompile(`^line (\d+): (.*)$`)

// ParseTemplate parses a template and checks every variable against the
// data a run has (Sample's shape). html escapes values (email HTML bodies);
// otherwise values are inserted as they are (subjects, SMS, text bodies).
func ParseTemplate(source string, html bool) (*Template, error) {
	if len(source) > MaxTemplateLength {
		return nil, &SyntaxError{Message: fmt.Sprintf("is longer than %d KiB", MaxTemplateLength>>10)}
	}
	t, err := mustache.ParseStringPartialsRaw(source, noPartials{}, !html)
	if err != nil {
		msg := err.Error()
		if m := lineRE.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, &SyntaxError{Line: line, Message: m[2]}
		}
		return nil, &SyntaxError{Message: msg}
	}
	known, err := Sample(zeroTime).Data()
	if err != nil {
		return nil, err
	}
	if err := checkTags(t.Tags(), []map[string]any{known}); err != nil {
		return nil, err
	}
	return &Template{source: source, tmpl: t, html: html}, nil
}

// checkTags refuses partials and names the first unknown variable, looking
// names up in the section contexts from innermost to outermost.
func checkTags(tags []mustache.Tag, scopes []map[string]any) error {
	for _, tag := range tags {
		name := tag.Name()
		switch tag.Type() {
		case mustache.Partial:
			return &SyntaxError{Message: fmt.Sprintf("{{> %s}}: templates cannot include other files", name)}
		case mustache.Variable:
			if _, ok := resolve(scopes, name); !ok {
				return &SyntaxError{Message: fmt.Sprintf("{{%s}} is not a known variable%s", name, suggest(name, scopes[0]))}
			}
		case mustache.Section, mustache.InvertedSection:
			v, ok := resolve(scopes, name)
			if !ok {
				return &SyntaxError{Message: fmt.Sprintf("{{#%s}} is not a known variable%s", name, suggest(name, scopes[0]))}
			}
			inner := scopes
			switch x := v.(type) {
			case map[string]any:
				inner = append([]map[string]any{x}, scopes...)
			case []any:
				if len(x) > 0 {
					if m, ok := x[0].(map[string]any); ok {
						inner = append([]map[string]any{m}, scopes...)
					}
				}
			}
			if err := checkTags(tag.Tags(), inner); err != nil {
				return err
			}
		}
	}
	return nil
}

func resolve(scopes []map[string]any, name string) (any, bool) {
	if name == "." {
		return nil, true
	}
	for _, scope := range scopes {
		var cur any = scope
		found := true
		for _, part := range strings.Split(name, ".") {
			m, ok := cur.(map[string]any)
			if !ok {
				found = false
				break
			}
			if cur, ok = m[part]; !ok {
				found = false
				break
			}
		}
		if found {
			return cur, true
		}
	}
	return nil, false
}

// suggest names a known variable close to name (same last part, or the
// same top-level object).
func suggest(name string, known map[string]any) string {
	var paths []string
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			p := prefix + k
			if sub, ok := v.(map[string]any); ok {
				walk(p+".", sub)
				continue
			}
			paths = append(paths, p)
		}
	}
	walk("", known)
	slices.Sort(paths)
	head, _, _ := strings.Cut(name, ".")
	var same []string
	for _, p := range paths {
		if strings.HasPrefix(p, head+".") {
			same = append(same, p)
		}
	}
	if len(same) > 0 && len(same) <= 16 {
		return "; " + head + " has " + strings.Join(same, ", ")
	}
	return ""
}

// Render renders the template with env's data.
func (t *Template) Render(env Env) (string, error) {
	data, err := env.Data()
	if err != nil {
		return "", err
	}
	return t.RenderData(data)
}

// RenderData renders the template with data from Env.Data (computed once
// for all of a step's templates).
func (t *Template) RenderData(data map[string]any) (string, error) {
	out, err := t.tmpl.Render(data)
	if err != nil {
		return "", fmt.Errorf("render template: %w", err)
	}
	if len(out) > MaxRenderedLength {
		return "", errors.New("the rendered message is over 256 KiB")
	}
	return out, nil
}
