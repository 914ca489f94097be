import { checkSheetThread } from './sheet-thread.check';

describe('the ledger --check of its sheet thread', () => {
  it('starts a sheet thread that writes an empty workbook', async () => {
    await expect(checkSheetThread()).resolves.toMatch(
      /^sheet thread: an empty workbook written \(1 sheet, [1-9]\d+ bytes\)/,
    );
  });
});
