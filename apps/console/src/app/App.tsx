import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { RouterProvider } from 'react-router-dom';
import { ApiError } from '../api/client';
import { I18nProvider } from '../i18n/i18n';
import { SessionProvider } from '../session/session';
import { router } from './routes';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; an outage might.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queries}>
      <I18nProvider>
        <AntApp>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  );
}
