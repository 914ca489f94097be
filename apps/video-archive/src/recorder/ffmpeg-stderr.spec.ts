import { spawnSync } from 'node:child_process';
import { recordArgs, stderrForLog } from './ffmpeg-args';

describe("ffmpeg's stderr before it is logged", () => {
  const sourceUrl = 'rtsp://admin:Cam%40Pass-1@127.0.0.1:9/main';

  it('keeps what helps an operator and drops the camera password, as ffmpeg really prints it', () => {
    // A real ffmpeg against a closed port: it quotes the input URL with the login in its error.
    const args = recordArgs({ sourceUrl, segmentSeconds: 5, listFile: 'l.csv', segmentPattern: 's-%06d.ts' });
    const run = spawnSync('ffmpeg', args, { encoding: 'utf8', timeout: 20_000, cwd: '/tmp' });
    expect(run.stderr).toContain('Cam%40Pass-1');
    const logged = stderrForLog(run.stderr, sourceUrl);
    expect(logged).toContain('rtsp://admin:[redacted]@127.0.0.1:9/main');
    expect(logged).toContain('Connection refused');
    expect(logged).not.toMatch(/Cam%40Pass-1|Cam@Pass-1/);
  });

  it('drops the decoded password printed alone, and URL fragments cut at the front of the tail', () => {
    const stderr = `${'x'.repeat(3_000)} header said password Cam@Pass-1\nmin:Cam%40Pass-1@127.0.0.1:9/main: refused`;
    const logged = stderrForLog(stderr, sourceUrl, 200);
    expect(logged).not.toMatch(/Cam%40Pass-1|Cam@Pass-1/);
    expect(logged.length).toBeLessThanOrEqual(200);
  });

  it('leaves stderr of a source without a login as it is', () => {
    expect(stderrForLog('rtsp://10.0.0.5/main: 404 Not Found', 'rtsp://10.0.0.5/main')).toBe(
      'rtsp://10.0.0.5/main: 404 Not Found',
    );
  });
});
