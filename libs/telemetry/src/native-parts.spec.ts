import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  nativeModule,
  NativePartsMissing,
  probeNativeParts,
  program,
  requireNativeParts,
  runCheck,
} from './native-parts';

function capture() {
  const out = { stdout: '', stderr: '', code: undefined as number | undefined };
  return {
    out,
    io: {
      stdout: (text: string) => (out.stdout += text),
      stderr: (text: string) => (out.stderr += text),
      exit: (code: number) => (out.code = code),
    },
  };
}

const present = nativeModule(
  'zlib',
  () => require('node:zlib'),
  () => 'built in',
);
const missing = nativeModule('not-installed-addon', () => require('not-installed-addon'));

describe('native parts', () => {
  let dir: string;
  let fakeFfmpeg: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'native-parts-'));
    fakeFfmpeg = join(dir, 'ffmpeg');
    await writeFile(
      fakeFfmpeg,
      '#!/bin/sh\n[ "$1" = "-version" ] && echo "ffmpeg version 9.9 fake" && exit 0\nexit 2\n',
    );
    await chmod(fakeFfmpeg, 0o755);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports what it found for each part', () => {
    expect(probeNativeParts('svc', [present, program('ffmpeg', fakeFfmpeg, 'FFMPEG_PATH')])).toEqual([
      'zlib: built in',
      'ffmpeg: ffmpeg version 9.9 fake',
    ]);
  });

  it('names every missing part and the variable that points to a program', () => {
    const absent = join(dir, 'no-such-ffmpeg');
    let thrown: unknown;
    try {
      probeNativeParts('video-archive', [present, missing, program('ffmpeg', absent, 'FFMPEG_PATH')]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NativePartsMissing);
    const failures = (thrown as NativePartsMissing).failures;
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(
      /^not-installed-addon is missing or broken: Cannot find module 'not-installed-addon'/,
    );
    expect(failures[1]).toMatch(
      new RegExp(`^ffmpeg is missing or broken: ${absent} cannot run .*set FFMPEG_PATH$`),
    );
  });

  it('refuses a program whose -version fails', () => {
    expect(() => probeNativeParts('svc', [program('ffprobe', process.execPath, 'FFPROBE_PATH')])).toThrow(
      /ffprobe is missing or broken: .* -version exited 9/,
    );
  });

  it("ends a service's start with exit 1 and the reason when a part is missing", () => {
    const { out, io } = capture();
    requireNativeParts('plate-recognition', [present, missing], io);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^plate-recognition cannot start: not-installed-addon is missing or broken/);
  });

  it('lets the start go on when every part is there', () => {
    const { out, io } = capture();
    requireNativeParts('gateway', [present], io);
    expect(out).toEqual({ stdout: '', stderr: '', code: undefined });
  });

  it('--check prints the findings and exits 0, or 1 with the failure', async () => {
    const passed = capture();
    await runCheck('svc', [present], () => Promise.resolve(['models: 3 verified']), passed.io);
    expect(passed.out.code).toBe(0);
    expect(passed.out.stdout).toContain('svc --check: ok');
    expect(passed.out.stdout).toContain('  zlib: built in\n  models: 3 verified\n');

    const missingPart = capture();
    await runCheck('svc', [missing], undefined, missingPart.io);
    expect(missingPart.out.code).toBe(1);
    expect(missingPart.out.stderr).toMatch(/^svc --check: not-installed-addon is missing or broken: /);

    const failed = capture();
    await runCheck(
      'svc',
      [present],
      () => Promise.reject(new Error('plate_detect.onnx: sha256 differs')),
      failed.io,
    );
    expect(failed.out.code).toBe(1);
    expect(failed.out.stderr).toBe('svc --check: plate_detect.onnx: sha256 differs\n');
  });
});
