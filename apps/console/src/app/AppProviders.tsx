import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp } from 'antd';
import { type ReactNode } from 'react';
import { I18nProvider } from '../i18n/i18n';
import { SessionProvider } from '../session/session';

/** What every page renders inside — in the app and in the page tests alike: queries, words, Ant Design's `App`, the session. */
export function AppProviders({ client, children }: { client: QueryClient; children: ReactNode }) {
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <AntApp>
          <SessionProvider>{children}</SessionProvider>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  );
}
