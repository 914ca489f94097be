import { type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeImageSequence, spawnRtpFileLoop, type StillImage } from './rtp-image-sequence';
import { spawnRtpTestPattern } from './rtp-test-pattern';
import { interleavedFrame, parseRtspRequests, type RtspRequest, rtspResponse } from './rtsp-request';
import { describeSdp } from './sdp';

export interface RtspTestServerOptions {
  /** RTSP port on 127.0.0.1; 0 picks a free one (kept across stop/start). */
  readonly port?: number;
  /** Stream path, e.g. `Streaming/Channels/101`. */
  readonly path?: string;
  readonly fps?: number;
  readonly ffmpegPath?: string;
  /**
   * Show these stills in a loop (each for its `seconds`) instead of the test pattern, e.g. the
   * sample scenes (`samplesDir()`), so the video carries real plates. 1280×720 unless `width`/`height`.
   */
  readonly images?: readonly StillImage[];
  readonly width?: number;
  readonly height?: number;
}

interface Session {
  readonly id: string;
  channel: number;
  playing: boolean;
}

const PUBLIC = 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER';

/**
 * A camera's RTSP stream for tests (Debian's ffmpeg cannot serve RTSP): ffmpeg encodes a test
 * pattern to RTP on a loopback UDP port, and this server answers OPTIONS/DESCRIBE/SETUP/PLAY/
 * TEARDOWN and relays the packets to each playing client over the RTSP connection (RTP over
 * TCP, interleaved). `stop()` is a camera going dark (connections dropped, port refusing),
 * `start()` brings it back on the same port.
 */
export class RtspTestServer {
  private server: Server | undefined;
  private udp: UdpSocket | undefined;
  private encoder: ChildProcess | undefined;
  private sdp = '';
  private workDir: string | undefined;
  private port: number;
  /** The encoded still sequence (images mode), made on the first start. */
  private sequence: string | undefined;
  private readonly clients = new Map<Socket, Session | undefined>();
  private readonly path: string;

  constructor(private readonly options: RtspTestServerOptions = {}) {
    this.port = options.port ?? 0;
    this.path = (options.path ?? 'Streaming/Channels/101').replace(/^\/+/, '');
  }

  /** `rtsp://127.0.0.1:<port>/<path>`; valid after the first `start()`. */
  get url(): string {
    return `rtsp://127.0.0.1:${this.port}/${this.path}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Starts the encoder and the server; resolves once DESCRIBE can be answered. */
  async start(): Promise<void> {
    if (this.server) return;
    this.workDir ??= await mkdtemp(join(tmpdir(), 'rtsp-test-'));
    const sdpFile = join(this.workDir, 'stream.sdp');
    await rm(sdpFile, { force: true });
    // A key frame of a detailed still is a burst of 200+ kB: the default buffer (~208 kB) would drop
    // its tail and smear the picture (the kernel caps this at net.core.rmem_max).
    const udp = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
    udp.on('message', (packet) => this.relay(packet));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    this.udp = udp;
    this.encoder = await this.spawnEncoder(udp.address().port, sdpFile, this.workDir);
    this.sdp = describeSdp(await waitForFile(sdpFile, 10_000));
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  private async spawnEncoder(rtpPort: number, sdpFile: string, workDir: string): Promise<ChildProcess> {
    const { images, fps, ffmpegPath, width, height } = this.options;
    const tools = ffmpegPath ? { ffmpegPath } : {};
    if (!images) {
      return spawnRtpTestPattern({ rtpPort, sdpFile, ...(fps ? { fps } : {}), ...tools });
    }
    this.sequence ??= await encodeImageSequence({
      images,
      workDir,
      ...(fps ? { fps } : {}),
      ...(width ? { width } : {}),
      ...(height ? { height } : {}),
      ...tools,
    });
    return spawnRtpFileLoop({ file: this.sequence, rtpPort, sdpFile, ...tools });
  }

  /** The camera goes dark: encoder killed, every connection dropped, new ones refused. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.clients.keys()) socket.destroy();
    this.clients.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    const encoder = this.encoder;
    this.encoder = undefined;
    if (encoder && encoder.exitCode === null) {
      const exited = new Promise((resolve) => encoder.once('close', resolve));
      encoder.kill('SIGKILL');
      await exited;
    }
    this.udp?.close();
    this.udp = undefined;
  }

  /** Stops and removes the temporary files. */
  async close(): Promise<void> {
    await this.stop();
    if (this.workDir) await rm(this.workDir, { recursive: true, force: true });
    this.workDir = undefined;
    this.sequence = undefined;
  }

  private relay(packet: Buffer): void {
    for (const [socket, session] of this.clients) {
      if (session?.playing && socket.writable) socket.write(interleavedFrame(session.channel, packet));
    }
  }

  private accept(socket: Socket): void {
    this.clients.set(socket, undefined);
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      try {
        const parsed = parseRtspRequests(Buffer.concat([pending, chunk]));
        pending = Buffer.from(parsed.rest);
        for (const request of parsed.requests) socket.write(this.answer(socket, request));
      } catch {
        socket.destroy();
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.clients.delete(socket));
  }

  private answer(socket: Socket, request: RtspRequest): Buffer {
    const cseq = request.headers['cseq'];
    const session = this.clients.get(socket);
    if (request.method !== 'OPTIONS' && !this.ownsUrl(request.url)) {
      return rtspResponse(404, 'Not Found', cseq);
    }
    switch (request.method) {
      case 'OPTIONS':
        return rtspResponse(200, 'OK', cseq, { Public: PUBLIC });
      case 'DESCRIBE':
        return rtspResponse(
          200,
          'OK',
          cseq,
          { 'Content-Type': 'application/sdp', 'Content-Base': `${this.url}/` },
          this.sdp,
        );
      case 'SETUP': {
        const transport = request.headers['transport'] ?? '';
        const interleaved = /interleaved=(\d+)-(\d+)/.exec(transport);
        if (!transport.includes('RTP/AVP/TCP') || !interleaved) {
          return rtspResponse(461, 'Unsupported Transport', cseq);
        }
        const created: Session = session ?? {
          id: randomBytes(8).toString('hex'),
          channel: 0,
          playing: false,
        };
        created.channel = Number(interleaved[1]);
        this.clients.set(socket, created);
        return rtspResponse(200, 'OK', cseq, {
          Transport: `RTP/AVP/TCP;unicast;interleaved=${interleaved[1]}-${interleaved[2]}`,
          Session: `${created.id};timeout=60`,
        });
      }
      case 'PLAY':
        if (!session) return rtspResponse(455, 'Method Not Valid in This State', cseq);
        session.playing = true;
        return rtspResponse(200, 'OK', cseq, { Session: session.id, Range: 'npt=0.000-' });
      case 'GET_PARAMETER':
        return rtspResponse(200, 'OK', cseq, session ? { Session: session.id } : {});
      case 'TEARDOWN':
        if (session) session.playing = false;
        setImmediate(() => socket.end());
        return rtspResponse(200, 'OK', cseq, session ? { Session: session.id } : {});
      default:
        return rtspResponse(501, 'Not Implemented', cseq);
    }
  }

  /** The stream URL, a track under it (`…/trackID=0`), or `*`. */
  private ownsUrl(url: string): boolean {
    if (url === '*') return true;
    try {
      const path = new URL(url).pathname.replace(/^\/+/, '').replace(/\/+$/, '');
      return path === this.path || path.startsWith(`${this.path}/`);
    } catch {
      return false;
    }
  }
}

async function waitForFile(path: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.includes('m=') && text.endsWith('\n')) return text;
    if (Date.now() > deadline) throw new Error(`ffmpeg wrote no SDP to ${path} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
