import { Readable } from 'node:stream';
import { BodyTooLargeError, readLimitedBody } from './read-limited-body';

const chunks = (...parts: string[]) => Readable.from(parts.map((part) => Buffer.from(part)));

describe('readLimitedBody', () => {
  it('returns the whole body when it fits', async () => {
    expect((await readLimitedBody(chunks('ab', 'cd'), 4, undefined)).toString()).toBe('abcd');
    expect((await readLimitedBody(chunks('abcd'), 4, '4')).toString()).toBe('abcd');
  });

  it('refuses a body that grows past the limit, and a declared length over it before reading', async () => {
    await expect(readLimitedBody(chunks('ab', 'cde'), 4, undefined)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    const untouched = chunks('a');
    await expect(readLimitedBody(untouched, 4, '5')).rejects.toMatchObject({ limit: 4 });
    expect(untouched.readableFlowing).toBeNull(); // never started reading
  });

  it('passes an aborted stream’s error on', async () => {
    const aborted = new Readable({
      read() {
        this.destroy(new Error('aborted'));
      },
    });
    await expect(readLimitedBody(aborted, 4, undefined)).rejects.toThrow('aborted');
  });
});
