import { CameraSimulator } from '@ecogate/camera-simulator';
import { DeviceNetworks } from '@ecogate/config';
import { DeviceAddressRefused, OnvifError } from '@ecogate/onvif';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { isapiSnapshot } from './isapi-snapshot';

const login = { username: 'admin', password: 'Hik-Unit-1' };
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);

const snapshot = (address: string, overrides: Partial<Parameters<typeof isapiSnapshot>[0]> = {}) =>
  isapiSnapshot({
    address,
    ...login,
    timeoutMs: 1_000,
    maxBytes: 1024,
    networks: DeviceNetworks.defaults,
    ...overrides,
  });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

/** A server answering every request with `answer`, closed after `run`. */
async function withServer(
  answer: (req: IncomingMessage, res: ServerResponse) => void,
  run: (url: string) => Promise<void>,
): Promise<void> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('isapiSnapshot against the Hikvision simulator', () => {
  const camera = new CameraSimulator({ vendor: 'hikvision', pushUrl: 'http://127.0.0.1:1', account: login });
  let url: string;

  beforeAll(async () => {
    url = await camera.start();
  });

  afterAll(() => camera.stop());

  it('answers the digest challenge and returns the picture the camera shows', async () => {
    camera.showView(jpeg);
    const served = camera.picturesServed;
    await expect(snapshot(url)).resolves.toEqual(jpeg);
    expect(camera.picturesServed).toBe(served + 1);
  });

  it('is unauthorised with a wrong password', async () => {
    expect(await failure(snapshot(url, { password: 'wrong' }))).toMatchObject({ code: 'unauthorised' });
  });

  it('refuses a camera outside the allowed device networks before connecting', async () => {
    const served = camera.picturesServed;
    const refused = await failure(snapshot(url, { networks: new DeviceNetworks(['10.0.0.0/8']) }));
    expect(refused).toBeInstanceOf(DeviceAddressRefused);
    expect(camera.picturesServed).toBe(served);
  });
});

describe('isapiSnapshot against odd answers', () => {
  it.each([
    ['a redirect (never followed)', 302, 'protocol'],
    ['no such channel', 404, 'unsupported'],
    ['a server error', 500, 'protocol'],
  ] as const)('%s (HTTP %s) → %s', async (_name, status, code) => {
    await withServer(
      (_req, res) => res.writeHead(status, { location: 'http://10.9.9.9/picture' }).end(),
      async (url) => {
        const error = await failure(snapshot(url));
        expect(error).toBeInstanceOf(OnvifError);
        expect(error).toMatchObject({ code });
      },
    );
  });

  it('refuses what is not a JPEG, and a picture over the size limit', async () => {
    await withServer(
      (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
      async (url) => expect(await failure(snapshot(url))).toMatchObject({ code: 'protocol' }),
    );
    await withServer(
      (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.alloc(4096, 0xff)),
      async (url) => expect(await failure(snapshot(url))).toMatchObject({ code: 'protocol' }),
    );
  });

  it('is unauthorised on a 401 without a digest challenge', async () => {
    await withServer(
      (_req, res) => res.writeHead(401, { 'www-authenticate': 'Basic realm="x"' }).end(),
      async (url) => expect(await failure(snapshot(url))).toMatchObject({ code: 'unauthorised' }),
    );
  });

  it('is unreachable when nothing answers in time', async () => {
    await withServer(
      () => undefined,
      async (url) =>
        expect(await failure(snapshot(url, { timeoutMs: 100 }))).toMatchObject({ code: 'unreachable' }),
    );
  });
});
