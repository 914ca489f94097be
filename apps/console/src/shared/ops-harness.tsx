/**
 * Tests only: renders a page as the app does (query client, words, Ant Design's `App`, the session,
 * a router at a URL) against a fake gateway. `fetch` is replaced at the boundary, so the page's
 * real client, session fetch and CSRF run, and the test sees every request the page made.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { type ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { SessionProvider, useSession } from '../session/session';

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** A JSON body (or text with `text`), 200 unless told. */
export interface Reply {
  readonly status?: number;
  readonly body?: unknown;
  readonly text?: string;
  readonly contentType?: string;
}

type Handler = (call: Call) => Reply;

export const refusal = (status: number, code: string, reason: string): Reply => ({
  status,
  body: { code, reason },
});

/** `METHOD /path` with `:param` segments matching any one segment. */
function matches(pattern: string, method: string, path: string): boolean {
  const [want, template = ''] = pattern.split(' ');
  if (want !== method) return false;
  const wanted = template.split('/');
  const got = path.split('/');
  return wanted.length === got.length && wanted.every((part, i) => part.startsWith(':') || part === got[i]);
}

/** Replaces `fetch`; an unknown route answers 404 `not-found`. Returns the calls, in order. */
export function fakeGateway(routes: Record<string, Reply | Handler>): Call[] {
  const calls: Call[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, window.location.origin);
    const text = request.method === 'GET' ? '' : await request.text();
    const call: Call = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
    calls.push(call);
    const key = Object.keys(routes).find((pattern) => matches(pattern, call.method, call.path));
    const route = key === undefined ? undefined : routes[key];
    const reply: Reply =
      route === undefined
        ? refusal(404, 'not-found', `${call.method} ${call.path}`)
        : typeof route === 'function'
          ? route(call)
          : route;
    const status = reply.status ?? 200;
    if (reply.text !== undefined)
      return new Response(reply.text, {
        status,
        headers: { 'content-type': reply.contentType ?? 'text/plain' },
      });
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.body === undefined && status === 200 ? 204 : status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

export const ENTERPRISE = 'e-1';

/** `/auth/me`'s answer for a role (enterprise roles belong to `ENTERPRISE`). */
export const me = (role: string): Reply => {
  const enterpriseId = role.startsWith('enterprise') ? ENTERPRISE : null;
  return {
    body: {
      id: '00000000-0000-4000-8000-000000000001',
      username: role,
      displayName: `Test ${role}`,
      role,
      enterpriseId,
      districts: [],
      disabled: false,
      locked: false,
      totpEnabled: false,
      mustChangePassword: false,
      singleSignOn: false,
      pendingActions: [],
      enterprises: enterpriseId ? [enterpriseId] : [],
    },
  };
};

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
    <QueryClientProvider client={queries}>
      <I18nProvider>
        <AntApp>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>,
  );
  return { ...view, router, queries };
}
