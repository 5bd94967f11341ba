export const MIN_PASSWORD_LENGTH = 10;

/** The client-side check the server also makes; undefined when the password is long enough. */
export function passwordError(password: string): string | undefined {
  return password.length < MIN_PASSWORD_LENGTH ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : undefined;
}
