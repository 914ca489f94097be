import { recordArgs } from './ffmpeg-args';

describe('recordArgs', () => {
  const base = { segmentSeconds: 60, listFile: 'run-1.csv', segmentPattern: 'run-1-%06d.ts' };

  it('copies an RTSP stream over TCP into MPEG-TS segments listed when closed', () => {
    const args = recordArgs({ ...base, sourceUrl: 'rtsp://10.0.0.5:554/Streaming/Channels/101' });
    expect(args).toEqual(expect.arrayContaining(['-rtsp_transport', 'tcp', '-c', 'copy']));
    expect(args.join(' ')).toContain('-f segment -segment_time 60 -segment_format mpegts');
    expect(args.join(' ')).toContain(
      '-segment_list run-1.csv -segment_list_type csv -segment_list_flags live',
    );
    expect(args.at(-1)).toBe('run-1-%06d.ts');
  });

  it('adds no RTSP options for an HTTP source', () => {
    expect(recordArgs({ ...base, sourceUrl: 'http://127.0.0.1:8080/cam.ts' })).not.toContain(
      '-rtsp_transport',
    );
  });

  it('refuses a non-integer segment length', () => {
    expect(() => recordArgs({ ...base, sourceUrl: 'rtsp://x/y', segmentSeconds: 0.5 })).toThrow();
  });
});
