import { createSocket, type Socket } from 'node:dgram';
import { randomUUID } from 'node:crypto';
import { WsDiscoveryResponder } from './ws-discovery-responder';

const SOAP = 'http://www.w3.org/2003/05/soap-envelope';
const WSA = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
const WSD = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';
const DN = 'http://www.onvif.org/ver10/network/wsdl';

/** A Probe as ONVIF clients send it; `probeBody` replaces the `<d:Probe>` content. */
function probe(
  messageId: string,
  probeBody = '<d:Types>dn:NetworkVideoTransmitter</d:Types>',
  extraNs = '',
): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${SOAP}" xmlns:a="${WSA}" xmlns:d="${WSD}" xmlns:dn="${DN}" ${extraNs}>` +
    `<s:Header><a:Action s:mustUnderstand="1">${WSD}/Probe</a:Action><a:MessageID>${messageId}</a:MessageID>` +
    `<a:ReplyTo><a:Address>${WSA}/role/anonymous</a:Address></a:ReplyTo>` +
    `<a:To s:mustUnderstand="1">urn:schemas-xmlsoap-org:ws:2005:04:discovery</a:To></s:Header>` +
    `<s:Body><d:Probe>${probeBody}</d:Probe></s:Body></s:Envelope>`
  );
}

/** A client socket that keeps every datagram it receives, with the sender. */
class Client {
  readonly received: { text: string; from: string }[] = [];
  private readonly socket: Socket = createSocket('udp4');
  private waiters: (() => void)[] = [];

  async start(): Promise<void> {
    this.socket.on('message', (data, from) => {
      this.received.push({ text: data.toString('utf8'), from: from.address });
      for (const wake of this.waiters.splice(0)) wake();
    });
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
  }

  send(text: string, address: string, port: number): void {
    this.socket.send(text, port, address);
  }

  /** Resolves once `count` datagrams have arrived in total (fails the test after 5 s). */
  async until(count: number): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} datagrams, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

const relatesTo = (text: string) => /<wsa:RelatesTo>([^<]+)<\/wsa:RelatesTo>/.exec(text)?.[1];
const element = (text: string, name: string) => new RegExp(`<d:${name}>([^<]*)</d:${name}>`).exec(text)?.[1];

describe('WsDiscoveryResponder (raw SOAP-over-UDP datagrams)', () => {
  const xaddr = 'http://127.0.0.1:8081/onvif/device_service';
  const camera = new WsDiscoveryResponder({
    address: '127.0.0.2',
    port: 0,
    xaddrs: [xaddr],
    name: 'Gate 1 camera',
    hardware: 'ECG-SIM-200',
    location: 'city/Jinan',
    metadataVersion: 3,
  });
  let port: number;
  let second: WsDiscoveryResponder;
  const client = new Client();

  beforeAll(async () => {
    port = (await camera.start()).port;
    // Same port, another address: how several cameras sit on one test machine.
    second = new WsDiscoveryResponder({ address: '127.0.0.3', port, xaddrs: [xaddr], repeatAnswers: true });
    await second.start();
    await client.start();
  });
  afterAll(async () => {
    client.close();
    await Promise.all([camera.stop(), second.stop()]);
  });
  beforeEach(() => client.received.splice(0));

  it('answers a Probe for NetworkVideoTransmitter with a unicast ProbeMatches describing the camera', async () => {
    const id = `uuid:${randomUUID()}`;
    client.send(probe(id), '127.0.0.2', port);
    await client.until(1);
    const [{ text, from }] = client.received as [{ text: string; from: string }];
    expect(from).toBe('127.0.0.2');
    expect(relatesTo(text)).toBe(id);
    expect(text).toContain(`<wsa:Action SOAP-ENV:mustUnderstand="1">${WSD}/ProbeMatches</wsa:Action>`);
    expect(text).toContain(`xmlns:SOAP-ENV="${SOAP}"`);
    expect(text).toContain(`<wsa:EndpointReference><wsa:Address>${camera.endpoint}</wsa:Address>`);
    expect(camera.endpoint).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(element(text, 'Types')).toBe('dn:NetworkVideoTransmitter tds:Device');
    expect(element(text, 'Scopes')?.split(' ')).toEqual([
      'onvif://www.onvif.org/type/video_encoder',
      'onvif://www.onvif.org/Profile/Streaming',
      'onvif://www.onvif.org/hardware/ECG-SIM-200',
      'onvif://www.onvif.org/name/Gate%201%20camera',
      'onvif://www.onvif.org/location/city/Jinan',
    ]);
    expect(element(text, 'XAddrs')).toBe(xaddr);
    expect(element(text, 'MetadataVersion')).toBe('3');
    expect(camera.probes.at(-1)).toMatchObject({
      messageId: id,
      matched: true,
      from: { address: '127.0.0.1' },
    });
  });

  it('answers a Probe without Types, and one for tds:Device under any prefix', async () => {
    client.send(probe('uuid:no-types', ''), '127.0.0.2', port);
    client.send(
      probe('uuid:device', '<d:Types>x:Device</d:Types>', 'xmlns:x="http://www.onvif.org/ver10/device/wsdl"'),
      '127.0.0.2',
      port,
    );
    await client.until(2);
    expect(client.received.map((r) => relatesTo(r.text)).sort()).toEqual(['uuid:device', 'uuid:no-types']);
  });

  it('stays silent on probes for other types, wrong namespaces, other scopes and malformed datagrams', async () => {
    const ignoredBefore = camera.ignored;
    const silent = [
      probe('uuid:printer', '<d:Types>p:Printer</d:Types>', 'xmlns:p="http://example.com/printers"'),
      // The right local name in another namespace is another type.
      probe(
        'uuid:fake-dn',
        '<d:Types>z:NetworkVideoTransmitter</d:Types>',
        'xmlns:z="http://example.com/onvif"',
      ),
      probe('uuid:other-hw', '<d:Scopes>onvif://www.onvif.org/hardware/Other</d:Scopes>'),
      probe('uuid:match-by', `<d:Scopes MatchBy="${WSD}/ldap">onvif://www.onvif.org/name</d:Scopes>`),
      'not xml at all',
      `<!DOCTYPE x [<!ENTITY a "b">]>${probe('uuid:doctype')}`,
      // SOAP 1.1 envelope, the 2009 WS-Discovery namespace, no MessageID, an unbound Types prefix.
      probe('uuid:soap11').replace(SOAP, 'http://schemas.xmlsoap.org/soap/envelope/'),
      probe('uuid:wsd11').replaceAll(WSD, 'http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01'),
      probe('').replace('<a:MessageID></a:MessageID>', ''),
      probe('uuid:unbound', '<d:Types>q:NetworkVideoTransmitter</d:Types>'),
    ];
    for (const datagram of silent) client.send(datagram, '127.0.0.2', port);
    // A good probe last: the device reads datagrams in order, so any answer to the others came first.
    client.send(probe('uuid:last', '<d:Scopes>onvif://www.onvif.org/name/</d:Scopes>'), '127.0.0.2', port);
    await client.until(1);
    expect(client.received.map((r) => relatesTo(r.text))).toEqual(['uuid:last']);
    expect(camera.probes.filter((p) => !p.matched).map((p) => p.messageId)).toEqual([
      'uuid:printer',
      'uuid:fake-dn',
      'uuid:other-hw',
      'uuid:match-by',
    ]);
    expect(camera.ignored - ignoredBefore).toBe(6);
  });

  it('runs several cameras on one port, each answering from its own address (repeated when asked)', async () => {
    client.send(probe('uuid:to-3'), '127.0.0.3', port);
    await client.until(2);
    expect(client.received.map((r) => [r.from, relatesTo(r.text)])).toEqual([
      ['127.0.0.3', 'uuid:to-3'],
      ['127.0.0.3', 'uuid:to-3'],
    ]);
    expect(client.received[0]!.text).toContain(second.endpoint);
    expect(camera.probes.some((p) => p.messageId === 'uuid:to-3')).toBe(false);
  });
});
