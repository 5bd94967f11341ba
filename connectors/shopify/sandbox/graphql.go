package sandbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

const (
	maxQueryCost    = 1000
	maxPageSize     = 250
	mutationCost    = 10
	maxGraphQLBody  = 1 << 20
	maxTokens       = 15000
	unauthorizedMsg = "[API] Invalid API key or access token (unrecognized login or wrong password)"
)

type gqlLocation struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type gqlError struct {
	Message    string         `json:"message"`
	Locations  []gqlLocation  `json:"locations,omitempty"`
	Path       []any          `json:"path,omitempty"`
	Extensions map[string]any `json:"extensions,omitempty"`
}

type gqlRequest struct {
	Query         string         `json:"query"`
	OperationName string         `json:"operationName"`
	Variables     map[string]any `json:"variables"`
}

// omap is a JSON object that keeps its keys in insertion order, as a
// GraphQL response does.
type omap struct {
	keys []string
	vals map[string]any
}

func newOmap() *omap { return &omap{vals: map[string]any{}} }

func (m *omap) set(k string, v any) {
	if _, ok := m.vals[k]; !ok {
		m.keys = append(m.keys, k)
	}
	m.vals[k] = v
}

func (m *omap) has(k string) bool { _, ok := m.vals[k]; return ok }

// MarshalJSON writes the keys in order.
func (m *omap) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range m.keys {
		if i > 0 {
			b.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		b.Write(kb)
		b.WriteByte(':')
		vb, err := json.Marshal(m.vals[k])
		if err != nil {
			return nil, err
		}
		b.Write(vb)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func loc(p *ast.Position) []gqlLocation {
	if p == nil {
		return nil
	}
	return []gqlLocation{{Line: p.Line, Column: p.Column}}
}

func (s *Sandbox) serveGraphQL(w http.ResponseWriter, r *http.Request, domain string) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]string{"errors": "Method Not Allowed"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxGraphQLBody))
	if err != nil {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]string{"errors": "Request body too large"})
		return
	}
	token := r.Header.Get("X-Shopify-Access-Token")
	buf := sandboxkit.NewBuffer()
	s.graphQLLocked(buf, r, domain, token, body)
	buf.Flush(w)
	s.startQueued(domain)
}

func (s *Sandbox) graphQLLocked(w http.ResponseWriter, r *http.Request, domain, token string, body []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.getShop(domain)
	if sh == nil {
		notFound(w)
		return
	}
	sh.counters.APICalls++
	if status := sh.faults.TakeFailure(); status != 0 {
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "2.0")
			writeJSON(w, status, map[string]string{"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."})
			return
		}
		writeJSON(w, status, map[string]string{"errors": http.StatusText(status)})
		return
	}
	at := s.access[token]
	if token == "" || at == nil || at.revoked || at.shop != domain || (!at.expiresAt.IsZero() && !s.now().Before(at.expiresAt)) {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"errors": unauthorizedMsg})
		return
	}

	var req gqlRequest
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/graphql":
		req.Query = string(body)
	default:
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&req); err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]string{"errors": "Invalid JSON in request body"})
			return
		}
	}
	s.refill(sh)
	writeJSON(w, http.StatusOK, s.runGraphQL(sh, req))
}

// runGraphQL parses, validates, charges and executes a request; the caller
// holds s.mu and has refilled the shop's bucket.
func (s *Sandbox) runGraphQL(sh *shop, req gqlRequest) *omap {
	resp := newOmap()
	fail := func(requested int, errs []gqlError) *omap {
		resp.set("errors", errs)
		resp.set("extensions", map[string]any{"cost": s.costExt(sh, requested, 0)})
		return resp
	}
	if strings.TrimSpace(req.Query) == "" {
		return fail(0, []gqlError{{Message: "No query string was present"}})
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: req.Query}, maxTokens)
	if err != nil {
		ge := gqlError{Message: err.Error()}
		var perr *gqlerror.Error
		if errors.As(err, &perr) {
			ge.Message = perr.Message
			for _, l := range perr.Locations {
				ge.Locations = append(ge.Locations, gqlLocation{Line: l.Line, Column: l.Column})
			}
		}
		return fail(0, []gqlError{ge})
	}
	var op *ast.OperationDefinition
	switch {
	case req.OperationName != "":
		op = doc.Operations.ForName(req.OperationName)
		if op == nil {
			return fail(0, []gqlError{{Message: fmt.Sprintf("No operation named %q", req.OperationName)}})
		}
	case len(doc.Operations) == 1:
		op = doc.Operations[0]
	case len(doc.Operations) == 0:
		return fail(0, []gqlError{{Message: "No operations in query document"}})
	default:
		return fail(0, []gqlError{{Message: "An operation name is required"}})
	}
	var root string
	switch op.Operation {
	case ast.Query:
		root = queryRoot
	case ast.Mutation:
		root = mutationRoot
	default:
		return fail(0, []gqlError{{Message: "Schema is not configured for subscriptions", Locations: loc(op.Position)}})
	}
	opPath := string(op.Operation)
	if op.Name != "" {
		opPath += " " + op.Name
	}

	vars := map[string]any{}
	for k, v := range req.Variables {
		vars[k] = v
	}
	var verrs []gqlError
	for _, vd := range op.VariableDefinitions {
		if v, ok := vars[vd.Variable]; ok && v != nil {
			continue
		}
		if vd.DefaultValue != nil {
			v, _ := vd.DefaultValue.Value(nil)
			vars[vd.Variable] = v
			continue
		}
		if vd.Type != nil && vd.Type.NonNull {
			verrs = append(verrs, gqlError{
				Message:    fmt.Sprintf("Variable $%s of type %s was provided invalid value", vd.Variable, vd.Type.String()),
				Locations:  loc(vd.Position),
				Extensions: map[string]any{"code": "INVALID_VARIABLE", "value": nil, "problems": []map[string]any{{"path": []any{}, "explanation": "Expected value to not be null"}}},
			})
		}
	}
	if len(verrs) > 0 {
		return fail(0, verrs)
	}
	if verrs := checkVariableInputs(op, vars); len(verrs) > 0 {
		return fail(0, verrs)
	}

	v := &validator{doc: doc, op: op, vars: vars, nodeCost: map[*ast.Field]int{}}
	requested := v.selection(root, op.SelectionSet, []any{opPath}, 0)
	if len(v.errs) > 0 {
		return fail(0, v.errs)
	}
	limit := min(maxQueryCost, s.opts.BucketSize)
	if requested > limit {
		return fail(requested, []gqlError{{
			Message: fmt.Sprintf("Query cost is %d, which exceeds the single query max cost limit (%d).\n\n"+
				"See https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\n"+
				"cost of a query is calculated.\n\n"+
				"To query larger amounts of data with fewer limits, bulk operations should be used instead.\n"+
				"See https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for usage details.\n", requested, limit),
			Extensions: map[string]any{"code": "MAX_COST_EXCEEDED", "cost": requested, "maxCost": limit},
		}})
	}
	if float64(requested) > sh.bucketAvail {
		sh.counters.Throttled++
		resp.set("errors", []gqlError{{Message: "Throttled", Extensions: map[string]any{
			"code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}})
		resp.set("extensions", map[string]any{"cost": s.costExt(sh, requested, -1)})
		return resp
	}
	sh.bucketAvail -= float64(requested)

	x := &executor{s: s, sh: sh, doc: doc, vars: vars, nodeCost: v.nodeCost}
	data := x.object(root, nil, op.SelectionSet, []any{opPath})
	actual := max(requested-x.refund, 0)
	sh.bucketAvail = math.Min(sh.bucketAvail+float64(requested-actual), float64(s.opts.BucketSize))
	sh.counters.PointsSpent += actual

	resp.set("data", data)
	if len(x.errs) > 0 {
		resp.set("errors", x.errs)
	}
	resp.set("extensions", map[string]any{"cost": s.costExt(sh, requested, actual)})
	return resp
}

// costExt is extensions.cost; actual < 0 writes null (a throttled query).
func (s *Sandbox) costExt(sh *shop, requested, actual int) *omap {
	c := newOmap()
	c.set("requestedQueryCost", requested)
	if actual < 0 {
		c.set("actualQueryCost", nil)
	} else {
		c.set("actualQueryCost", actual)
	}
	ts := newOmap()
	ts.set("maximumAvailable", json.Number(strconv.FormatFloat(float64(s.opts.BucketSize), 'f', 1, 64)))
	ts.set("currentlyAvailable", int(math.Floor(sh.bucketAvail)))
	ts.set("restoreRate", json.Number(strconv.FormatFloat(float64(s.opts.RestoreRate), 'f', 1, 64)))
	c.set("throttleStatus", ts)
	return c
}

// validator checks a document against the schema and computes its
// requested cost.
type validator struct {
	doc      *ast.QueryDocument
	op       *ast.OperationDefinition
	vars     map[string]any
	errs     []gqlError
	nodeCost map[*ast.Field]int
}

func (v *validator) errorf(p *ast.Position, path []any, ext map[string]any, format string, args ...any) {
	v.errs = append(v.errs, gqlError{Message: fmt.Sprintf(format, args...), Locations: loc(p), Path: slices.Clone(path), Extensions: ext})
}

func isAbstract(typ string) bool { _, ok := possibleTypes[typ]; return ok }

// fragmentApplies tells whether a fragment on cond may be spread inside typ.
func fragmentApplies(cond, typ string) bool {
	if cond == "" || cond == typ {
		return true
	}
	return slices.Contains(possibleTypes[cond], typ) || slices.Contains(possibleTypes[typ], cond)
}

// skipped tells whether @skip(if: true) or @include(if: false) leaves a
// selection out (it then neither runs nor costs anything).
func skipped(ds ast.DirectiveList, vars map[string]any) bool {
	for _, d := range ds {
		if d.Name != "skip" && d.Name != "include" {
			continue
		}
		a := d.Arguments.ForName("if")
		if a == nil {
			continue
		}
		v, err := a.Value.Value(vars)
		if err != nil {
			continue
		}
		if on, _ := v.(bool); on == (d.Name == "skip") {
			return true
		}
	}
	return false
}

func (v *validator) selection(typ string, set ast.SelectionSet, path []any, depth int) int {
	if depth > 12 {
		v.errorf(nil, path, map[string]any{"code": "MAX_DEPTH_EXCEEDED"}, "Query has depth greater than the maximum allowed")
		return 0
	}
	fields := schema[typ]
	cost := 0
	for _, sel := range set {
		switch sel := sel.(type) {
		case *ast.Field:
			if sel.Name == "__typename" || skipped(sel.Directives, v.vars) {
				continue
			}
			fpath := append(slices.Clone(path), sel.Alias)
			def, ok := fields[sel.Name]
			if !ok {
				v.errorf(sel.Position, fpath, map[string]any{"code": "undefinedField", "typeName": typ, "fieldName": sel.Name},
					"Field '%s' doesn't exist on type '%s'", sel.Name, typ)
				continue
			}
			for _, a := range sel.Arguments {
				if !slices.Contains(def.args, a.Name) {
					v.errorf(a.Position, append(slices.Clone(fpath), a.Name),
						map[string]any{"code": "argumentNotAccepted", "name": sel.Name, "typeName": "Field", "argumentName": a.Name},
						"Field '%s' doesn't accept argument '%s'", sel.Name, a.Name)
				}
				v.checkVariables(a.Value, fpath)
				if t := def.argTypes[a.Name]; t != "" {
					v.checkLiteralInput(t, a.Value, append(slices.Clone(fpath), a.Name))
				}
			}
			for _, d := range sel.Directives {
				for _, a := range d.Arguments {
					v.checkVariables(a.Value, fpath)
				}
			}
			if def.typ == "" {
				if len(sel.SelectionSet) > 0 {
					v.errorf(sel.Position, fpath, map[string]any{"code": "selectionMismatch", "nodeName": "field '" + sel.Name + "'", "typeName": def.scalar},
						"Selections can't be made on scalars (field '%s' returns %s but has selections [%s])", sel.Name, def.scalar, selNames(sel.SelectionSet))
				}
				continue
			}
			if len(sel.SelectionSet) == 0 {
				v.errorf(sel.Position, fpath, map[string]any{"code": "selectionMismatch", "nodeName": "field '" + sel.Name + "'", "typeName": def.typ},
					"Field must have selections (field '%s' returns %s but has no selections. Did you mean '%s { ... }'?)", sel.Name, def.typ, sel.Name)
				continue
			}
			child := v.selection(def.typ, sel.SelectionSet, fpath, depth+1)
			switch {
			case def.mutation:
				cost += mutationCost
			case def.sizedBy != "":
				cost += v.listSize(sel, def.sizedBy) * (1 + child)
			case def.connection:
				perNode := max(child, 1)
				v.nodeCost[sel] = perNode
				cost += 2 + v.pageSize(sel)*perNode
			case def.free:
				cost += child
			default:
				cost += 1 + child
			}
		case *ast.InlineFragment:
			cost += v.fragment(sel.TypeCondition, typ, sel.SelectionSet, sel.Position, path, depth)
		case *ast.FragmentSpread:
			fd := v.doc.Fragments.ForName(sel.Name)
			if fd == nil {
				v.errorf(sel.Position, path, map[string]any{"code": "useAndDefineFragment", "fragmentName": sel.Name},
					"Fragment %s was used, but not defined", sel.Name)
				continue
			}
			cost += v.fragment(fd.TypeCondition, typ, fd.SelectionSet, sel.Position, path, depth+1)
		}
	}
	return cost
}

func (v *validator) fragment(cond, typ string, set ast.SelectionSet, p *ast.Position, path []any, depth int) int {
	if cond == "" {
		return v.selection(typ, set, path, depth)
	}
	if _, ok := schema[cond]; !ok {
		v.errorf(p, path, map[string]any{"code": "undefinedType", "typeName": cond}, "No such type %s, so it can't be a fragment condition", cond)
		return 0
	}
	if !fragmentApplies(cond, typ) {
		v.errorf(p, path, map[string]any{"code": "cannotSpreadFragment", "typeName": cond, "parentName": typ},
			"Fragment on %s can't be spread inside %s", cond, typ)
		return 0
	}
	return v.selection(cond, set, path, depth+1)
}

func (v *validator) checkVariables(val *ast.Value, path []any) {
	if val == nil {
		return
	}
	if val.Kind == ast.Variable && v.op.VariableDefinitions.ForName(val.Raw) == nil {
		name := "anonymous " + string(v.op.Operation)
		if v.op.Name != "" {
			name = string(v.op.Operation) + " '" + v.op.Name + "'"
		}
		v.errorf(val.Position, path, map[string]any{"code": "variableNotDefined", "variableName": val.Raw},
			"Variable $%s is used by %s but not declared", val.Raw, name)
	}
	for _, c := range val.Children {
		v.checkVariables(c.Value, path)
	}
}

func selNames(set ast.SelectionSet) string {
	var names []string
	for _, s := range set {
		if f, ok := s.(*ast.Field); ok {
			names = append(names, strconv.Quote(f.Name))
		}
	}
	return strings.Join(names, ", ")
}

// pageSize is the first or last argument, variables resolved; 0 when
// missing or invalid (execution reports the error).
func (v *validator) pageSize(f *ast.Field) int {
	for _, name := range []string{"first", "last"} {
		if a := f.Arguments.ForName(name); a != nil {
			val, err := a.Value.Value(v.vars)
			if n, ok := intValue(val); err == nil && ok && n > 0 {
				return n
			}
			return 0
		}
	}
	return 0
}

// listSize is the length of a list argument, variables resolved; 0 when
// missing or not a list.
func (v *validator) listSize(f *ast.Field, name string) int {
	a := f.Arguments.ForName(name)
	if a == nil {
		return 0
	}
	val, err := a.Value.Value(v.vars)
	if list, ok := val.([]any); err == nil && ok {
		return len(list)
	}
	return 0
}

// intValue reads a GraphQL Int from a parsed or JSON value.
func intValue(v any) (int, bool) {
	switch v := v.(type) {
	case int64:
		return int(v), true
	case int:
		return v, true
	case float64:
		if v == math.Trunc(v) {
			return int(v), true
		}
	case json.Number:
		n, err := v.Int64()
		return int(n), err == nil
	}
	return 0, false
}

// cursor is Shopify's opaque cursor: base64 of {"last_id":…,"last_value":…}.
type cursor struct {
	LastID    int64  `json:"last_id"`
	LastValue string `json:"last_value"`
}

func encodeCursor(id int64, value string) string {
	b, _ := json.Marshal(cursor{LastID: id, LastValue: value})
	return base64.StdEncoding.EncodeToString(b)
}

func decodeCursor(s string) (int64, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	var c cursor
	if json.Unmarshal(b, &c) != nil || c.LastID == 0 {
		return 0, false
	}
	return c.LastID, true
}
