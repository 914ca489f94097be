import { render, screen, within } from '@testing-library/react';
import { I18nProvider } from '../i18n/i18n';
import { ReadsTable } from './ReadsTable';

const rowOf = (label: string) => screen.getByText(label).closest('tr')!;

describe('ReadsTable', () => {
  it('says what settled a read and what the recogniser itself read, and nothing for a plain read', () => {
    render(
      <ReadsTable
        reads={{
          camera: { text: '冀A12345', colour: 'yellow', confidence: 0.97, verdict: 'trusted' },
          server: {
            text: '冀A12345',
            rawText: '冀A1Z345',
            settledBy: 'registry-corrected',
            colour: 'yellow',
            confidence: 0.71,
            verdict: 'trusted',
          },
        }}
      />,
      { wrapper: I18nProvider },
    );
    const server = within(rowOf('服务端识别'));
    expect(server.getByText('按已登记车牌更正')).toBeTruthy();
    expect(server.getByText('原识别 冀A1Z345')).toBeTruthy();
    expect(within(rowOf('相机识别')).getAllByText('—')).toHaveLength(1);
  });

  it('names a confirmation without a raw text when the read was not changed', () => {
    render(
      <ReadsTable
        reads={{
          server: {
            text: '冀B54321',
            rawText: '冀B54321',
            settledBy: 'province-prior',
            confidence: 0.8,
            verdict: 'trusted',
          },
        }}
      />,
      { wrapper: I18nProvider },
    );
    expect(screen.getByText('本地车牌确认')).toBeTruthy();
    expect(screen.queryByText(/原识别/)).toBeNull();
  });
});
