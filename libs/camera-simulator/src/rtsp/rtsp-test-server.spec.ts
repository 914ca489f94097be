import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RtspTestServer } from './rtsp-test-server';

const run = promisify(execFile);

/** What ffprobe (the same RTSP client as the recorder) sees at the URL over TCP. */
async function probe(url: string): Promise<string> {
  const { stdout } = await run(
    'ffprobe',
    [
      '-v',
      'error',
      '-rtsp_transport',
      'tcp',
      '-timeout',
      '3000000',
      '-show_entries',
      'stream=codec_name,width,height',
      '-of',
      'csv=p=0',
      url,
    ],
    { timeout: 15_000 },
  );
  return stdout.trim();
}

describe('RtspTestServer', () => {
  const server = new RtspTestServer({ path: 'Streaming/Channels/101' });
  afterAll(() => server.close());

  it('serves the H.264 test pattern over RTSP (TCP interleaved), goes dark on stop and returns on start', async () => {
    await server.start();
    expect(server.url).toMatch(/^rtsp:\/\/127\.0\.0\.1:\d+\/Streaming\/Channels\/101$/);
    expect(await probe(server.url)).toBe('h264,320,240');

    const url = server.url;
    await server.stop();
    await expect(probe(url)).rejects.toThrow();

    await server.start();
    expect(server.url).toBe(url);
    expect(await probe(url)).toBe('h264,320,240');
  }, 40_000);

  it('answers 404 for another path', async () => {
    await server.start();
    await expect(probe(server.url.replace(/101$/, '102'))).rejects.toThrow(/404|Not Found|Server returned/);
  }, 20_000);
});
