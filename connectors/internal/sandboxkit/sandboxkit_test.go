package sandboxkit_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/internal/sandboxkit"
)

func TestControl(t *testing.T) {
	t.Parallel()
	errMissing := errors.New("sandbox: no such thing")
	ctl := sandboxkit.Control{NotFound: []error{errMissing}, MaxBody: 64}

	w := httptest.NewRecorder()
	ctl.Error(w, errMissing)
	require.Equal(t, http.StatusNotFound, w.Code)
	require.JSONEq(t, `{"error":"sandbox: no such thing"}`, w.Body.String())
	require.Equal(t, sandboxkit.JSONContentType, w.Header().Get("Content-Type"))

	w = httptest.NewRecorder()
	ctl.NoContent(w, errors.New("bad"))
	require.Equal(t, http.StatusBadRequest, w.Code)
	w = httptest.NewRecorder()
	ctl.NoContent(w, nil)
	require.Equal(t, http.StatusNoContent, w.Code)

	body := struct{ Count int }{Count: 7}
	require.NoError(t, ctl.Decode(httptest.NewRequest(http.MethodPost, "/", strings.NewReader("  ")), &body))
	require.Equal(t, 7, body.Count, "an empty body leaves the value alone")
	w = httptest.NewRecorder()
	require.False(t, ctl.Read(w, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"count":`)), &body))
	require.Equal(t, http.StatusBadRequest, w.Code)

	w = httptest.NewRecorder()
	sandboxkit.Control{ContentType: "application/json;charset=utf-8"}.Reply(w, http.StatusCreated, map[string]int{"n": 1}, nil)
	require.Equal(t, http.StatusCreated, w.Code)
	require.Equal(t, "application/json;charset=utf-8", w.Header().Get("Content-Type"))
}

func TestFaults(t *testing.T) {
	t.Parallel()
	require.Error(t, sandboxkit.CheckFailNext(-1, 503))
	require.Error(t, sandboxkit.CheckFailNext(1, 200))
	require.NoError(t, sandboxkit.CheckFailNext(1, 503))
	require.Error(t, sandboxkit.CheckThrottle(-1))

	var f sandboxkit.Faults
	require.False(t, f.TakeThrottle())
	require.Zero(t, f.TakeFailure())
	f.SetFail(2, 503)
	f.SetThrottle(1)
	require.True(t, f.TakeThrottle())
	require.False(t, f.TakeThrottle())
	require.Equal(t, 503, f.TakeFailure())
	require.Equal(t, 503, f.TakeFailure())
	require.Zero(t, f.TakeFailure())
}

func TestBuffer(t *testing.T) {
	t.Parallel()
	b := sandboxkit.NewBuffer()
	b.Header().Set("X-Test", "1")
	b.WriteHeader(http.StatusTeapot)
	b.WriteHeader(http.StatusOK)
	_, _ = b.Write([]byte("hi"))
	w := httptest.NewRecorder()
	b.Flush(w)
	require.Equal(t, http.StatusTeapot, w.Code)
	require.Equal(t, "1", w.Header().Get("X-Test"))
	require.Equal(t, "hi", w.Body.String())
}

func TestIDsAndClock(t *testing.T) {
	t.Parallel()
	id := sandboxkit.RandomHex("trk_")
	require.Len(t, id, 4+32)
	require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, sandboxkit.NewUUID())

	start := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	c := sandboxkit.NewClock(start)
	c.Advance(time.Minute)
	require.Equal(t, start.Add(time.Minute), c.Now())
}
