import { Readable } from 'node:stream';
import { readLimitedBody } from './read-limited-body';

const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));

describe('readLimitedBody', () => {
  it('returns the whole body when it fits', async () => {
    expect((await readLimitedBody(chunks('ab', 'cd'), 4, undefined)).toString()).toBe('abcd');
  });

  it('refuses a body that grows past the limit, and a declared length over it before reading', async () => {
    await expect(readLimitedBody(chunks('ab', 'cde'), 4, undefined)).rejects.toMatchObject({
      code: 'document-too-large',
    });
    const untouched = chunks('a');
    await expect(readLimitedBody(untouched, 4, '5')).rejects.toMatchObject({ code: 'document-too-large' });
  });
});
