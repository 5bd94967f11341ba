package hub

import "context"

// subscribeRows streams the rows a workspace topic names as they change:
// each bus message carries a row id (narrowed to only, when set), read
// back with load and sent once the subscriber may still see the
// workspace. Ids load cannot read (deleted, or of another kind) are
// skipped; the stream ends with ctx or when the subscriber loses access.
func subscribeRows[T any](ctx context.Context, s *Service, workspaceID, topic, only string, load func(context.Context, string) (T, error)) (<-chan T, error) {
	if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil {
		return nil, err
	}
	msgs := s.bus.Subscribe(ctx, topic)
	out := make(chan T, 16)
	go func() {
		defer close(out)
		for msg := range msgs {
			if only != "" && msg.Data != only {
				continue
			}
			if _, _, err := s.workspaceFor(ctx, s.db, workspaceID); err != nil || !s.principalStillValid(ctx) {
				return
			}
			row, err := load(ctx, msg.Data)
			if err != nil {
				continue
			}
			select {
			case out <- row:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
