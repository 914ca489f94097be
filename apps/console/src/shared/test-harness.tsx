import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { type ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { I18nProvider } from '../i18n/i18n';
import { SessionProvider, useSession } from '../session/session';

// Pages render Ant Design in jsdom on a shared, busy machine: give them time rather than flake.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });
afterEach(() => vi.restoreAllMocks());

/** What a mocked route answers: a status and a JSON body (204 when there is none). */
export interface Reply {
  readonly status?: number;
  readonly body?: unknown;
}

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

type Handler = (call: Call) => Reply | Promise<Reply>;

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const refusal = (status: number, code: string, reason: string): Reply => ({
  status,
  body: { code, reason },
});

/**
 * `fetch` mocked at the boundary: routes keyed `METHOD /path` (the path without its query);
 * anything else is a 404 the test would see. Returns the calls made, in order.
 */
export function mockApi(routes: Record<string, Handler | Reply>): Call[] {
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
    const route = routes[`${call.method} ${call.path}`];
    const reply =
      typeof route === 'function' ? await route(call) : (route ?? refusal(404, 'not-found', 'no route'));
    const status = reply.status ?? 200;
    return new Response(status === 204 || reply.body === undefined ? null : JSON.stringify(reply.body), {
      status: reply.body === undefined && status === 200 ? 204 : status,
      headers: { 'content-type': 'application/json' },
    });
  });
  return calls;
}

/** An account as `/auth/me` answers it, with the role (and enterprise) the test needs. */
export const account = (role: string, enterpriseId: string | null = null) => ({
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
  enterprises: enterpriseId ? [enterpriseId] : role === 'inspector' ? [] : '*',
});

function SignedIn({ children }: { children: ReactNode }) {
  return useSession().state === 'signed-in' ? <>{children}</> : null;
}

/**
 * Renders a page as the app does (query client, words, Ant Design's App, session from a mocked
 * `/auth/me`, router at `url`). Mock the routes first, `/auth/me` included.
 */
export function renderPage(element: ReactNode, { path, url }: { path: string; url: string }) {
  const queries = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(
    [
      { path, element: <SignedIn>{element}</SignedIn> },
      { path: '*', element: <div>elsewhere</div> },
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

/** A person at the keyboard and mouse; Ant Design's hidden inputs take clicks through their labels. */
export const person = () => userEvent.setup({ pointerEventsCheck: 0, delay: null });

/** Types `text` into a field as one paste: Ant Design re-renders its form on every keystroke. */
export async function fill(user: ReturnType<typeof person>, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}
