import { type VideoArchiveClient, VideoArchiveUnavailableError } from '../video-archive/video-archive.client';
import { passageClips, untilArchiveAnswers } from './evidence-sources';

const wait = { retryMs: 1, maxWaitMs: 5_000 };
const never = new AbortController().signal;

describe('untilArchiveAnswers', () => {
  it('waits out an unavailable archive, saying so each time, and returns its answer', async () => {
    let calls = 0;
    const waits: string[] = [];
    const answer = await untilArchiveAnswers(
      () =>
        ++calls < 3
          ? Promise.reject(new VideoArchiveUnavailableError('server-error', `down ${calls}`))
          : Promise.resolve('clips'),
      wait,
      (reason) => Promise.resolve(void waits.push(reason)),
      never,
    );
    expect({ answer, calls, waits }).toEqual({ answer: 'clips', calls: 3, waits: ['down 1', 'down 2'] });
  });

  it('gives up after the longest wait, and at once on a refusal (a configuration error) or another error', async () => {
    const down = () => Promise.reject(new VideoArchiveUnavailableError('timeout', 'slow'));
    await expect(
      untilArchiveAnswers(down, { retryMs: 1, maxWaitMs: 20 }, () => Promise.resolve(), never),
    ).rejects.toThrow('slow');
    let calls = 0;
    const refused = () => (
      calls++,
      Promise.reject(new VideoArchiveUnavailableError('refused', 'not trusted'))
    );
    await expect(untilArchiveAnswers(refused, wait, () => Promise.resolve(), never)).rejects.toThrow(
      'not trusted',
    );
    expect(calls).toBe(1);
    await expect(
      untilArchiveAnswers(
        () => Promise.reject(new Error('bug')),
        wait,
        () => Promise.resolve(),
        never,
      ),
    ).rejects.toThrow('bug');
  });
});

describe('passageClips', () => {
  it('lists every passage as not configured when the ledger has no archive', async () => {
    let passages = 0;
    const result = await passageClips(
      undefined,
      'ent-1',
      ['p1', 'p2'],
      wait,
      () => Promise.resolve(),
      () => Promise.resolve(void passages++),
      never,
    );
    expect(result.clips).toEqual([]);
    expect(result.missing.map((m) => [m.passageId, m.status])).toEqual([
      ['p1', 'not-configured'],
      ['p2', 'not-configured'],
    ]);
    expect(passages).toBe(2);
  });

  it('leaves out a download that does not hash to what the archive said, and names it', async () => {
    const archive = {
      passageClips: () =>
        Promise.resolve([
          {
            clipId: 'c1',
            direction: 'out',
            cameraId: 'cam',
            status: 'archived',
            actual: { from: '', to: '' },
            sha256: '0'.repeat(64),
            bytes: 3,
            url: 'http://127.0.0.1/c1',
          },
          { clipId: 'c2', direction: 'in', cameraId: 'cam', status: 'missing', reason: 'camera down' },
        ]),
      download: () => Promise.resolve(Buffer.from('abc')),
    } as unknown as VideoArchiveClient;
    const result = await passageClips(
      archive,
      'ent-1',
      ['p1'],
      wait,
      () => Promise.resolve(),
      () => Promise.resolve(),
      never,
    );
    expect(result.clips).toEqual([]);
    expect(result.missing).toEqual([
      {
        passageId: 'p1',
        side: 'out',
        clipId: 'c1',
        status: 'hash-mismatch',
        reason: `the download does not hash to ${'0'.repeat(64)}`,
      },
      { passageId: 'p1', side: 'in', clipId: 'c2', status: 'missing', reason: 'camera down' },
    ]);
  });
});
