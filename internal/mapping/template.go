package mapping

import (
	"fmt"
	"slices"

	"github.com/cbroglie/mustache"

	"github.com/switchboard-hub/switchboard/connectors"
)

// Limits of a field template.
const (
	maxTemplateLength = 8 << 10
	maxRenderedLength = 64 << 10
)

// template is a field's parsed Mustache template and the source fields it
// reads.
type template struct {
	tmpl   *mustache.Template
	fields []string
}

// noPartials refuses every partial: a template never includes a file.
type noPartials struct{}

func (noPartials) Get(name string) (string, error) {
	return "", fmt.Errorf("partials ({{> %s}}) are not allowed", name)
}

// parseTemplate parses a logic-less template whose variables and sections
// are the source entity's fields (and {{.}} inside a section over a list).
// Values are inserted as they are: the output is data, not HTML.
func parseTemplate(src string, source connectors.Entity) (*template, error) {
	if len(src) > maxTemplateLength {
		return nil, fmt.Errorf("is longer than %d KiB", maxTemplateLength>>10)
	}
	t, err := mustache.ParseStringPartialsRaw(src, noPartials{}, true)
	if err != nil {
		return nil, fmt.Errorf("does not parse: %w", err)
	}
	out := &template{tmpl: t}
	if err := out.check(t.Tags(), source); err != nil {
		return nil, err
	}
	return out, nil
}

// check refuses partials and variables that are not source fields, and
// collects the fields used.
func (t *template) check(tags []mustache.Tag, source connectors.Entity) error {
	names := fieldNames(source)
	for _, tag := range tags {
		name := tag.Name()
		switch tag.Type() {
		case mustache.Partial:
			return fmt.Errorf("{{> %s}}: templates cannot include other templates", name)
		case mustache.Variable, mustache.Section, mustache.InvertedSection:
			if name == "." && tag.Type() == mustache.Variable {
				continue
			}
			if !slices.Contains(names, name) {
				return fmt.Errorf("{{%s}}: %s", name, unknownField(name, source))
			}
			if !slices.Contains(t.fields, name) {
				t.fields = append(t.fields, name)
			}
			if tag.Type() == mustache.Variable {
				continue
			}
			if err := t.check(tag.Tags(), source); err != nil {
				return err
			}
		}
	}
	return nil
}

// render fills the template with the record's values: numbers written as
// asText does, lists for sections, true/false for conditional sections.
func (t *template) render(record map[string]any) (string, error) {
	data := make(map[string]any, len(t.fields))
	for _, name := range t.fields {
		v, err := normalize(record[name])
		if err != nil {
			return "", fmt.Errorf("{{%s}} %w", name, err)
		}
		if f, ok := v.(float64); ok {
			v, _ = asText(f)
		}
		if v != nil {
			data[name] = v
		}
	}
	out, err := t.tmpl.Render(data)
	if err != nil {
		return "", fmt.Errorf("render template: %w", err)
	}
	if len(out) > maxRenderedLength {
		return "", fmt.Errorf("the rendered template is over %d KiB", maxRenderedLength>>10)
	}
	return out, nil
}
