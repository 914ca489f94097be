/**
 * Tests only: renders a page as the app does (query client, words, Ant Design's `App`, the session,
 * a router at a URL) against a fake gateway — `fetch` is replaced at the boundary, so the page's
 * real client, session fetch and CSRF run, and the test sees every request the page made.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render, type RenderResult } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { type ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { type Account, SessionProvider, useSession } from '../session/session';

// A page's Ant Design render in jsdom takes seconds on a busy 2-core machine: wait for it.
configure({ asyncUtilTimeout: 10_000 });
vi.setConfig({ testTimeout: 120_000 });

export interface Recorded {
  readonly method: string;
  /** Path and query as the gateway would see them. */
  readonly url: URL;
  readonly body: unknown;
  readonly headers: Headers;
}

export interface Reply {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

/** `METHOD /path` (a `:param` or `*` matches one segment) → the reply, or a function of the request. */
export type Routes = Record<string, Reply | ((request: Recorded) => Reply)>;

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

/** Replaces `fetch` with the routes; unknown requests answer 404 and are recorded too. */
export function fakeGateway(routes: Routes) {
  const requests: Recorded[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = await request.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // a raw body (a document upload) stays text
    }
    const recorded: Recorded = {
      method: request.method,
      url: new URL(request.url),
      body,
      headers: request.headers,
    };
    requests.push(recorded);
    const key = Object.keys(routes).find((pattern) =>
      matches(pattern, request.method, recorded.url.pathname),
    );
    const route = key === undefined ? undefined : routes[key];
    const reply: Reply =
      route === undefined
        ? { status: 404, body: { code: 'not-found', reason: `${request.method} ${recorded.url.pathname}` } }
        : typeof route === 'function'
          ? route(recorded)
          : route;
    return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'Content-Type': 'application/json', ...reply.headers },
    });
  });
  return {
    requests,
    spy,
    /** The requests to a path (no query), optionally of one method. */
    to: (path: string, method?: string) =>
      requests.filter((r) => r.url.pathname === path && (!method || r.method === method)),
  };
}

export const ENTERPRISE = 'e-1';

export function account(role: Account['role'], enterpriseId: string | null = ENTERPRISE): Account {
  return {
    id: '00000000-0000-4000-8000-0000000000aa',
    username: role,
    displayName: `Test ${role}`,
    role,
    enterpriseId,
    enterprises: enterpriseId ? [enterpriseId] : '*',
    districts: [],
    disabled: false,
    locked: false,
    mustChangePassword: false,
    singleSignOn: false,
    totpEnabled: false,
    pendingActions: [],
  };
}

/** As `RequireSession`: the page renders once `/auth/me` answered. */
function SignedIn({ children }: { children: ReactNode }) {
  return useSession().state === 'signed-in' ? <>{children}</> : <div data-testid="signing-in" />;
}

/** Renders `element` at `url` (its route `pattern`), signed in as `who`. */
export function renderPage(
  element: ReactNode,
  { pattern, url }: { pattern: string; url: string },
): RenderResult & { router: ReturnType<typeof createMemoryRouter> } {
  const router = createMemoryRouter(
    [
      { path: pattern, element: <SignedIn>{element}</SignedIn> },
      { path: '*', element: <div data-testid="elsewhere" /> },
    ],
    { initialEntries: [url] },
  );
  const queries = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false }, mutations: { retry: false } },
  });
  const rendered = render(
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
  return { ...rendered, router };
}
