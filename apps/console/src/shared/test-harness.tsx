/**
 * Tests only — the one page-test harness: renders a page as the app does (`AppProviders`, a router
 * at a URL) against a fake gateway. `fetch` is replaced at the boundary, so the page's real client,
 * session fetch and CSRF run, and the test sees every request the page made.
 */
import { QueryClient } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, vi } from 'vitest';
import { AppProviders } from '../app/AppProviders';
import { type Account, useSession } from '../session/session';

// Pages render Ant Design in a simulated DOM on a shared, busy 2-core machine: give them time rather than flake.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 120_000 });
afterEach(() => vi.restoreAllMocks());

/** A request the page made, as the gateway would see it. */
export interface Call {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Path and query. */
  readonly url: URL;
  /** JSON parsed; a raw body (a document upload) stays text. */
  readonly body: unknown;
  readonly headers: Headers;
}

/** A JSON body (or text with `text`), 200 unless told; no body and 200 answer 204. */
export interface Reply {
  readonly status?: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Record<string, string>;
}

/**
 * `METHOD /path` (a `:param` or `*` matches one segment) → the reply, or a function of the request
 * (a promise holds the answer back, to see what the page shows meanwhile).
 */
export type Routes = Record<string, Reply | ((call: Call) => Reply | Promise<Reply>)>;

/** The calls, in order, and those to one path (no query), optionally of one method. */
export type Calls = Call[] & { to: (path: string, method?: string) => Call[] };

export const ok = (body: unknown): Reply => ({ status: 200, body });

export const refusal = (status: number, code: string, reason: string): Reply => ({
  status,
  body: { code, reason },
});

function matches(pattern: string, method: string, path: string): boolean {
  const [want, template = ''] = pattern.split(' ');
  if (want !== method) return false;
  const wanted = template.split('/');
  const got = path.split('/');
  return (
    wanted.length === got.length &&
    wanted.every((part, i) => part === '*' || part.startsWith(':') || part === got[i])
  );
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Replaces `fetch` with the routes; an unknown route answers 404 `not-found` and is recorded too. */
export function fakeGateway(routes: Routes): Calls {
  const calls: Call[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, window.location.origin);
    const call: Call = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      url,
      body: parse(await request.text()),
      headers: request.headers,
    };
    calls.push(call);
    const key = Object.keys(routes).find((pattern) => matches(pattern, call.method, call.path));
    const route = key === undefined ? undefined : routes[key];
    const reply: Reply =
      route === undefined
        ? refusal(404, 'not-found', `${call.method} ${call.path}`)
        : typeof route === 'function'
          ? await route(call)
          : route;
    const status = reply.status ?? 200;
    if (reply.text !== undefined)
      return new Response(reply.text, {
        status,
        headers: { 'content-type': reply.contentType ?? 'text/plain', ...reply.headers },
      });
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.body === undefined && status === 200 ? 204 : status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  });
  const to = (path: string, method?: string) =>
    calls.filter((c) => c.path === path && (!method || c.method === method));
  return Object.assign(calls, { to });
}

export const ENTERPRISE = 'e-1';

/**
 * An account as `/auth/me` answers it. Enterprise roles belong to `ENTERPRISE` unless told; an
 * account of no enterprise sees all of them, an inspector none until assigned.
 */
export function account(
  role: Account['role'],
  enterpriseId: string | null = role.startsWith('enterprise') ? ENTERPRISE : null,
): Account {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    username: role,
    displayName: `Test ${role}`,
    role,
    enterpriseId,
    enterprises: enterpriseId ? [enterpriseId] : role === 'inspector' ? [] : '*',
    districts: [],
    disabled: false,
    locked: false,
    totpEnabled: false,
    mustChangePassword: false,
    singleSignOn: false,
    pendingActions: [],
  };
}

/** `/auth/me`'s answer for a role. */
export const me = (role: Account['role'], enterpriseId?: string | null): Reply =>
  ok(account(role, enterpriseId));

/** As `RequireSession`: the page renders once `/auth/me` answered. */
function SignedIn({ children }: { children: ReactNode }) {
  return useSession().state === 'signed-in' ? <>{children}</> : null;
}

/** Renders `element` at `url` under the route `path` (the gateway faked first, `/auth/me` included). */
export function renderPage(element: ReactNode, { path, url }: { path: string; url: string }) {
  const queries = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      { path, element: <SignedIn>{element}</SignedIn> },
      { path: '*', element: <div data-testid="elsewhere" /> },
    ],
    { initialEntries: [url] },
  );
  const view = render(
    <AppProviders client={queries}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...view, router, queries };
}

/** A person at the keyboard and mouse; Ant Design's hidden inputs take clicks through their labels. */
export const person = () => userEvent.setup({ pointerEventsCheck: 0, delay: null });

/** Types `text` into a field as one paste: Ant Design re-renders its form on every keystroke. */
export async function fill(user: ReturnType<typeof person>, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}
