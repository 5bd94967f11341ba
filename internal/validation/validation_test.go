package validation_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/internal/failure"
	"github.com/switchboard-hub/switchboard/internal/validation"
)

type input struct {
	Name  string   `json:"name" validate:"required,name,max=5"`
	Email string   `json:"emailAddress" validate:"omitempty,email"`
	IDs   []string `json:"workspaceIds" validate:"max=2,unique"`
}

func TestErrorsNameTheFieldAsTheAPISpellsIt(t *testing.T) {
	v := validation.New()
	require.NoError(t, v.Check(input{Name: "ok"}))

	cases := []struct {
		in    input
		field string
		msg   string
	}{
		{input{}, "name", "is required"},
		{input{Name: "   "}, "name", "must not be blank or contain control characters"},
		{input{Name: "a\x00b"}, "name", "must not be blank or contain control characters"},
		{input{Name: "toolong"}, "name", "must be at most 5 characters"},
		{input{Name: "ok", Email: "nope"}, "emailAddress", "must be an email address"},
		{input{Name: "ok", IDs: []string{"a", "a"}}, "workspaceIds", "must not repeat an item"},
		{input{Name: "ok", IDs: []string{"a", "b", "c"}}, "workspaceIds", "must have at most 2 items"},
	}
	for _, c := range cases {
		err := v.Check(c.in)
		f, ok := failure.As(err)
		require.True(t, ok, "%+v", c.in)
		require.Equal(t, failure.ValidationFailed, f.Code)
		require.Equal(t, c.msg, f.Fields[c.field], "%+v", c.in)
		require.Contains(t, f.Message, c.field)
	}
}
