import { render } from '@testing-library/react';
import { type ChartOption, EChart } from './EChart';

// The canvas is the boundary here: happy-dom draws nothing, so ECharts' instance is a recorder.
const chart = vi.hoisted(() => ({ setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() }));
vi.mock('echarts/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('echarts/core')>()),
  init: vi.fn(() => chart),
}));

let resized: (() => void) | undefined;
beforeEach(() => {
  vi.clearAllMocks();
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(callback: () => void) {
        resized = callback;
      }
      observe = vi.fn();
      disconnect = vi.fn();
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('EChart', () => {
  it('gives each option whole, resizes with its box and disposes on unmount', () => {
    const first: ChartOption = { series: [{ type: 'pie', data: [1] }] };
    const second: ChartOption = { series: [{ type: 'bar', data: [2] }] };
    const view = render(<EChart option={first} label="shares" />);
    expect(view.getByRole('img', { name: 'shares' })).toBeTruthy();
    expect(chart.setOption).toHaveBeenLastCalledWith(first, { notMerge: true });

    view.rerender(<EChart option={second} label="shares" />);
    expect(chart.setOption).toHaveBeenLastCalledWith(second, { notMerge: true });

    resized?.();
    expect(chart.resize).toHaveBeenCalledTimes(1);

    view.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
  });
});
