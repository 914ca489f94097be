/**
 * The browser side of the gateway's session (docs/gateway.md): HttpOnly cookies carry the tokens,
 * unsafe methods echo the readable `csrf` cookie in `X-CSRF-Token` (double submit), and an expired
 * access token (≤ 5 min) is renewed once through `/auth/refresh` before the call is repeated.
 */
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function csrfToken(cookies = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === 'csrf') return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Told when the session cannot be renewed: the app shows the login page. */
let onSessionEnded: () => void = () => undefined;
export const whenSessionEnds = (listener: () => void): void => {
  onSessionEnded = listener;
};

// Several calls failing together share one refresh (the refresh token is single-use).
let refreshing: Promise<boolean> | null = null;
function refreshOnce(): Promise<boolean> {
  refreshing ??= fetch('/auth/refresh', {
    method: 'POST',
    credentials: 'same-origin',
    headers: withCsrf(new Headers(), 'POST'),
  })
    .then((response) => response.ok)
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

function withCsrf(headers: Headers, method: string): Headers {
  const token = csrfToken();
  if (UNSAFE.has(method.toUpperCase()) && token) headers.set('X-CSRF-Token', token);
  return headers;
}

async function send(request: Request): Promise<Response> {
  return fetch(
    new Request(request, {
      credentials: 'same-origin',
      headers: withCsrf(new Headers(request.headers), request.method),
    }),
  );
}

/** `fetch` for the generated client: same origin, CSRF, one renewal on 401. */
export async function sessionFetch(input: Request): Promise<Response> {
  const retry = input.clone();
  const response = await send(input);
  if (response.status !== 401 || input.url.includes('/auth/')) return response;
  if (!(await refreshOnce())) {
    onSessionEnded();
    return response;
  }
  return send(retry);
}
