import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { CameraSimulator } from './camera-simulator';
import { hikvisionAlertXml, isapiDateTime } from './hikvision-format';

describe('CameraSimulator', () => {
  let server: Server;
  let url: string;
  const received: { contentType: string; body: string }[] = [];
  let reply = '{"Response_AlarmInfoPlate":{"info":"ok"}}';

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({
          contentType: req.headers['content-type'] ?? '',
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end(reply);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => void received.splice(0));

  it('pushes Vzenith JSON with real photos and records the barrier opening from the reply', async () => {
    const camera = new CameraSimulator({ vendor: 'vzenith', pushUrl: url, serial: 'cam-1' });
    const result = await camera.arrive({ plate: '皖A00E66' });
    const plate = JSON.parse(received[0]!.body).AlarmInfoPlate.result.PlateResult;
    expect(plate).toMatchObject({ license: '皖A00E66', plateid: 1, isoffline: 0 });
    expect(Buffer.from(plate.imageFile, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(camera.barrierCommands()).toEqual([
      { kind: 'barrier', command: 'open', via: 'push-reply', captureId: result.capture.id },
    ]);
  });

  it('buffers while offline and re-pushes the records marked offline, oldest first', async () => {
    reply = '{"Response_AlarmInfoPlate":{"info":"no"}}';
    const camera = new CameraSimulator({ vendor: 'vzenith', pushUrl: url });
    camera.goOffline(60);
    await camera.arrive({ plate: '皖A06S56' });
    await camera.arrive({ plate: '沪AMS087' });
    expect(received).toHaveLength(0);
    await camera.rePushOfflineBuffer();
    const plates = received.map((r) => JSON.parse(r.body).AlarmInfoPlate.result.PlateResult);
    expect(plates.map((p) => [p.license, p.isoffline])).toEqual([
      ['皖A06S56', 1],
      ['沪AMS087', 1],
    ]);
    expect(camera.barrierCommands()).toEqual([]);
  });

  it('pushes Hikvision multipart and serves the ISAPI barrier endpoint', async () => {
    const camera = new CameraSimulator({ vendor: 'hikvision', pushUrl: url, serial: 'hik' });
    await camera.arrive({ plate: '京PL3N67' });
    expect(received[0]!.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(received[0]!.body).toContain('<UUID>hik-1</UUID>');
    const base = await camera.start();
    try {
      await fetch(`${base}/ISAPI/Parking/channels/1/barrierGate`, {
        method: 'PUT',
        body: '<BarrierGate><ctrlMode>open</ctrlMode></BarrierGate>',
      });
      expect(camera.barrierCommands()).toEqual([{ kind: 'barrier', command: 'open', via: 'isapi' }]);
    } finally {
      await camera.stop();
    }
  });

  it('serves the ISAPI picture behind HTTP digest, the shown frames in turn', async () => {
    const account = { username: 'admin', password: 'Pic-1' };
    const camera = new CameraSimulator({ vendor: 'hikvision', pushUrl: url, account });
    const frames = [Buffer.from([0xff, 0xd8, 0xff, 1]), Buffer.from([0xff, 0xd8, 0xff, 2])];
    camera.showView(frames);
    const base = await camera.start();
    const path = '/ISAPI/Streaming/channels/1/picture';
    const md5 = (value: string) => createHash('md5').update(value).digest('hex');
    /** One GET answering a fresh challenge with `password`; nc 1 on each fresh nonce. */
    const get = async (password: string) => {
      const challenge = (await fetch(`${base}${path}`)).headers.get('www-authenticate') ?? '';
      const nonce = /nonce="([^"]+)"/.exec(challenge)?.[1] ?? '';
      const realm = /realm="([^"]+)"/.exec(challenge)?.[1] ?? '';
      const ha1 = md5(`${account.username}:${realm}:${password}`);
      const response = md5(`${ha1}:${nonce}:00000001:c1:auth:${md5(`GET:${path}`)}`);
      return fetch(`${base}${path}`, {
        headers: {
          authorization: `Digest username="admin", realm="${realm}", nonce="${nonce}", uri="${path}", qop=auth, nc=00000001, cnonce="c1", response="${response}"`,
        },
      });
    };
    try {
      const refused = await fetch(`${base}${path}`);
      expect([refused.status, refused.headers.get('www-authenticate')]).toEqual([
        401,
        expect.stringMatching(/^Digest realm="[^"]+", qop="auth", nonce="/),
      ]);
      expect((await get('wrong')).status).toBe(401);
      const served = [];
      for (let i = 0; i < 3; i += 1)
        served.push(Buffer.from(await (await get(account.password)).arrayBuffer()));
      expect(served).toEqual([frames[0], frames[1], frames[0]]);
      expect(camera.picturesServed).toBe(3);
    } finally {
      await camera.stop();
    }
  });

  it('pushes Dahua traffic events keyed by GroupID + EventID, the same bytes on a re-push', async () => {
    const camera = new CameraSimulator({ vendor: 'dahua', pushUrl: url });
    const first = await camera.arrive({ plate: '皖A00E66', colour: 'Yellow' });
    await camera.arrive({ plate: '沪AMS087' });
    await camera.rePush(first.capture);
    const events = received.map((r) => JSON.parse(r.body));
    expect(received.every((r) => r.contentType === 'application/json')).toBe(true);
    expect(events.map((e) => [e.Code, e.Data.GroupID, e.Data.EventID, e.Data.Object.Text])).toEqual([
      ['TrafficJunction', 1, 1, '皖A00E66'],
      ['TrafficJunction', 2, 2, '沪AMS087'],
      ['TrafficJunction', 1, 1, '皖A00E66'],
    ]);
    expect(events[0].Data.TrafficCar.PlateColor).toBe('Yellow');
    expect(received[2]!.body).toBe(received[0]!.body);
    expect(Buffer.from(events[0].Images.Plate, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(events[0].Data.UTC * 1000 + events[0].Data.UTCMS).toBe(first.capture.capturedAt.getTime());
    // Dahua barriers are driven by openStrobe, never by the push reply.
    expect(camera.barrierCommands()).toEqual([]);
  });

  it('writes ISAPI times in the camera zone', () => {
    expect(isapiDateTime(new Date('2026-11-28T01:15:02Z'))).toBe('2026-11-28T09:15:02+08:00');
    expect(
      hikvisionAlertXml({ uuid: 'u', activePostCount: 3, capturedAt: new Date(0), plate: 'x' }),
    ).toContain('<activePostCount>3</activePostCount>');
  });
});
