package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/switchboard-hub/switchboard/connectors/smtp/sandbox"
	"github.com/switchboard-hub/switchboard/internal/testenv"
)

// A hub process killed (SIGKILL) in the middle of a run's email step: the
// next process takes the job up again, the run finishes, and every email
// arrives exactly once.
func TestRunSurvivesItsProcessBeingKilled(t *testing.T) {
	testenv.ForEachDatabase(t, func(t *testing.T, db testenv.Target) {
		mail, err := sandbox.Start("shop", "mail-password")
		require.NoError(t, err)
		defer mail.Close()
		env := []string{"HUB_JOB_TIMEOUT=3s", "HUB_JOB_RESCUE_AFTER=4s"}
		urlA, procA, _ := startProcess(t, db, env...)
		owner := (&testenv.Hub{URL: urlA}).SignUp(t, "Killed")
		ws := owner.MustDo(t, `mutation($a: ID!) { createWorkspace(input: {agencyId: $a, name: "Parcels"}) { id } }`,
			map[string]any{"a": owner.AgencyID}).String("createWorkspace.id")
		connect := `mutation($w: ID!, $c: String!, $v: [ConnectionValueInput!]!) { createConnection(input: {workspaceId: $w, connector: $c, values: $v}) { id webhookUrl } }`
		smtpID := owner.MustDo(t, connect, map[string]any{"w": ws, "c": "smtp", "v": []map[string]any{
			{"name": "host", "value": mail.Host()}, {"name": "port", "value": strconv.Itoa(mail.Port())}, {"name": "tls", "value": "none"},
			{"name": "username", "value": "shop"}, {"name": "password", "value": "mail-password"}, {"name": "from", "value": "shop@example.com"}}}).String("createConnection.id")
		carrier := owner.MustDo(t, connect, map[string]any{"w": ws, "c": "easypost", "v": []map[string]any{
			{"name": "apiKey", "value": "EZTKsandbox-demo"}, {"name": "webhookSecret", "value": "parcel-hook-secret"}}})
		email := func(subject string) map[string]any {
			return map[string]any{"kind": "action", "action": map[string]any{"connector": "smtp", "action": "send_email", "connectionId": smtpID,
				"input": map[string]any{"to": "ops@example.com", "subject": subject, "text": "Tracker {{shipment.tracking_number}}"}}}
		}
		rule := owner.MustDo(t, `mutation($w: ID!, $in: RuleInput!) { createRule(workspaceId: $w, input: $in) { id } }`, map[string]any{"w": ws, "in": map[string]any{
			"name": "Parcel moves", "trigger": map[string]any{"event": "shipment.status_changed"}, "steps": []any{email("First notice"), email("Second notice")}}}).String("createRule.id")
		owner.MustDo(t, `mutation($id: ID!) { setRuleEnabled(id: $id, enabled: true) { id } }`, map[string]any{"id": rule})
		mail.StallNext(1, 20*time.Second)

		body := []byte(`{"id":"evt_kill_1","object":"Event","description":"tracker.updated","mode":"test","result":{"id":"trk_1","object":"Tracker","tracking_code":"EZ1000000001","status":"in_transit","carrier":"USPS"}}`)
		mac := hmac.New(sha256.New, []byte("parcel-hook-secret"))
		mac.Write(body)
		req, _ := http.NewRequest(http.MethodPost, carrier.String("createConnection.webhookUrl"), bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Hmac-Signature", "hmac-sha256-hex="+hex.EncodeToString(mac.Sum(nil)))
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusOK, resp.StatusCode)

		steps := `query($w: ID!) { runs(workspaceId: $w) { edges { node { status steps { title status attempts } } } } }`
		require.Eventually(t, func() bool {
			r := owner.MustDo(t, steps, map[string]any{"w": ws})
			return r.String("runs.edges.0.node.steps.0.status") == "RUNNING"
		}, 20*time.Second, 50*time.Millisecond, "the first email is being sent")
		count := func(subject string) (n int) {
			for _, m := range mail.Messages() {
				if strings.Contains(string(m.Data), "Subject: "+subject) {
					n++
				}
			}
			return n
		}
		require.NoError(t, procA.Process.Kill())
		_ = procA.Wait()
		require.Zero(t, count("First notice"), "the killed process delivered nothing")

		urlB, _, logB := startProcess(t, db, env...)
		second := (&testenv.Hub{URL: urlB}).NewClient()
		u, err := url.Parse(urlB)
		require.NoError(t, err)
		second.SetCookies(u, owner.Cookies())
		owner.Client = second
		require.Eventually(t, func() bool {
			return owner.MustDo(t, steps, map[string]any{"w": ws}).String("runs.edges.0.node.status") == "SUCCEEDED"
		}, 60*time.Second, 200*time.Millisecond, "the run finishes on the second process; its log:\n%s", logB)
		require.Equal(t, 1, count("First notice"))
		require.Equal(t, 1, count("Second notice"))
	})
}
