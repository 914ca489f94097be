import { type ChildProcess, spawn } from 'node:child_process';

export interface RtpTestPatternOptions {
  /** UDP port on 127.0.0.1 the RTP packets go to (RTCP goes to port + 1). */
  readonly rtpPort: number;
  readonly sdpFile: string;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  /** Key frame interval in frames (a new client can start decoding at the next one). */
  readonly gop?: number;
  readonly ffmpegPath?: string;
}

/**
 * ffmpeg encoding a moving test pattern (H.264, real time) to RTP on a loopback UDP port, with
 * the SDP written to `sdpFile`. SPS/PPS go in the SDP and before every key frame, so a client can
 * join at any time, as with a real camera.
 */
export function spawnRtpTestPattern(options: RtpTestPatternOptions): ChildProcess {
  const { width = 320, height = 240, fps = 10 } = options;
  const gop = options.gop ?? fps;
  return spawn(
    options.ffmpegPath ?? 'ffmpeg',
    [
      '-hide_banner',
      '-nostdin',
      '-loglevel',
      'error',
      '-re',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=size=${width}x${height}:rate=${fps}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-g',
      String(gop),
      '-flags:v',
      '+global_header',
      '-bsf:v',
      'dump_extra',
      '-f',
      'rtp',
      '-sdp_file',
      options.sdpFile,
      `rtp://127.0.0.1:${options.rtpPort}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}
