import { DeviceNetworks } from '@ecogate/config';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { attachDahuaEventStream, attachTarget, DahuaStreamError } from './dahua-attach';
import { digestAuthorization, parseDigestChallenge, pickDigestChallenge } from './http-digest';

const login = { username: 'admin', password: 'Dahua-Unit-1' };
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A camera of our own making: every request is recorded, `answer` decides the reply. */
async function camera(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const requests: { url: string; authorization?: string }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const attach = (address: string, networks = DeviceNetworks.defaults, timeoutMs = 1_000) =>
  attachDahuaEventStream(
    { address, ...login, heartbeatSeconds: 5, timeoutMs, networks },
    new AbortController().signal,
  );

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DahuaStreamError);
  return (error as DahuaStreamError).code;
};

describe('attachTarget', () => {
  it('asks for the traffic codes and the heartbeat, brackets as the firmwares expect them', () => {
    const url = attachTarget('http://10.0.0.7', 10);
    expect(`${url.pathname}${url.search}`).toBe(
      '/cgi-bin/eventManager.cgi?action=attach&codes=[TrafficJunction,TrafficGate]&heartbeat=10',
    );
    expect(attachTarget('http://10.0.0.7:8080/itc/', 5).href).toBe(
      'http://10.0.0.7:8080/itc/cgi-bin/eventManager.cgi?action=attach&codes=[TrafficJunction,TrafficGate]&heartbeat=5',
    );
  });
});

describe('HTTP digest', () => {
  it('answers SHA-256 before MD5, and nothing it cannot compute', () => {
    const md5 = 'Digest realm="r", qop="auth", nonce="n1", algorithm=MD5';
    const strong = 'Digest realm="r", qop="auth,auth-int", nonce="n2", algorithm=SHA-256';
    expect(pickDigestChallenge([md5, strong])?.['nonce']).toBe('n2');
    expect(pickDigestChallenge([md5])?.['nonce']).toBe('n1');
    expect(pickDigestChallenge(['Digest realm="r", qop="auth-int", nonce="n"'])).toBeUndefined();
    expect(pickDigestChallenge(['Digest realm="r", nonce="n", algorithm=MD5-sess'])).toBeUndefined();
    expect(pickDigestChallenge(['Basic realm="r"'])).toBeUndefined();
  });

  it('computes the RFC 7616 response and echoes opaque', () => {
    const challenge = parseDigestChallenge(
      'Digest realm="Login to ITC", qop="auth", nonce="abc", opaque="xyz", algorithm=SHA-256',
    )!;
    const header = digestAuthorization(challenge, { method: 'GET', uri: '/x?a=[1]', ...login }, 'c0ffee');
    const ha1 = sha256(`admin:Login to ITC:${login.password}`);
    const ha2 = sha256('GET:/x?a=[1]');
    expect(header).toContain(`response="${sha256(`${ha1}:abc:00000001:c0ffee:auth:${ha2}`)}"`);
    expect(header).toContain('opaque="xyz"');
    expect(header).toContain('uri="/x?a=[1]"');
  });
});

describe('attachDahuaEventStream', () => {
  it('answers the digest challenge and takes a multipart answer', async () => {
    const cam = await camera((req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, {
          'www-authenticate': 'Digest realm="ITC", qop="auth", nonce="n", algorithm=SHA-256',
        });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'multipart/x-mixed-replace; boundary="--myboundary"' });
      res.write('--myboundary\r\n');
    });
    try {
      const attached = await attach(cam.url);
      expect(attached.boundary).toBe('myboundary');
      attached.close();
      expect(cam.requests).toHaveLength(2);
      expect(cam.requests[1]!.authorization).toMatch(/^Digest username="admin", realm="ITC", nonce="n"/);
      expect(cam.requests[1]!.authorization).toContain('algorithm=SHA-256');
    } finally {
      await cam.close();
    }
  });

  it('never follows a redirect, so the login goes nowhere else', async () => {
    const elsewhere = await camera((_req, res) => res.end());
    const cam = await camera((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/cgi-bin/eventManager.cgi` });
      res.end();
    });
    try {
      expect(await failure(attach(cam.url))).toBe('protocol');
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await cam.close();
      await elsewhere.close();
    }
  });

  it('tells a refused login, a missing endpoint and an answer of another type apart', async () => {
    let status = 401;
    let type = 'text/html';
    const cam = await camera((_req, res) => {
      res.writeHead(status, {
        'content-type': type,
        ...(status === 401 ? { 'www-authenticate': 'Digest realm="ITC", qop="auth", nonce="n"' } : {}),
      });
      res.end('Error');
    });
    try {
      expect(await failure(attach(cam.url))).toBe('unauthorised');
      expect(cam.requests).toHaveLength(2);
      status = 404;
      expect(await failure(attach(cam.url))).toBe('unsupported');
      status = 200;
      expect(await failure(attach(cam.url))).toBe('protocol');
      type = 'multipart/x-mixed-replace';
      expect(await failure(attach(cam.url))).toBe('protocol');
      status = 500;
      expect(await failure(attach(cam.url))).toBe('protocol');
    } finally {
      await cam.close();
    }
  });

  it('sends nothing to an address outside the device networks', async () => {
    const cam = await camera((_req, res) => res.end());
    try {
      expect(await failure(attach(cam.url, new DeviceNetworks(['10.0.0.0/8'])))).toBe('protocol');
      expect(cam.requests).toHaveLength(0);
    } finally {
      await cam.close();
    }
  });

  it('gives up on a camera that never answers, and on one that is not there', async () => {
    const cam = await camera(() => undefined);
    try {
      expect(await failure(attach(cam.url, DeviceNetworks.defaults, 200))).toBe('unreachable');
    } finally {
      await cam.close();
    }
    expect(await failure(attach(cam.url))).toBe('unreachable');
  });
});
