import { describe, expect, it } from 'vitest';
import { installedPath, invitationToken } from './install';

describe('invitationToken', () => {
  it('takes a code as it is, trimmed', () => {
    expect(invitationToken('  abc-123_x ')).toBe('abc-123_x');
    expect(invitationToken('')).toBe('');
  });

  it('finds the token in a whole pasted invitation link', () => {
    expect(invitationToken('https://hub.example.com/invite/abc-123_x')).toBe('abc-123_x');
    expect(invitationToken('http://localhost:8080/invite/abc?utm=mail#top')).toBe('abc');
    expect(invitationToken('/invite/abc/')).toBe('abc');
  });
});

describe('installedPath', () => {
  it("opens the workspace's connections, announcing the connection", () => {
    expect(
      installedPath({ workspace: { id: 'V29yazox', agency: { id: 'QWdlbmN5OjE=' } }, connection: { id: 'Q29ubjox' } }),
    ).toBe('/agencies/QWdlbmN5OjE=/workspaces/V29yazox/connections?connected=Q29ubjox');
  });
});
