/** The `exp` of the (already verified) access token, in epoch milliseconds; now when unreadable. */
export function expiryOf(token: string | undefined): number {
  try {
    const payload = JSON.parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      exp?: unknown;
    };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : Date.now();
  } catch {
    return Date.now();
  }
}
