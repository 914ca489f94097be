import { NS, readProbe } from './ws-discovery-messages';

const NVT = `{${NS.onvifNetwork}}NetworkVideoTransmitter`;

/** A Probe with `probeBody` inside `<d:Probe>`; `messageId` as written (markup allowed). */
const probe = (messageId: string, probeBody: string, probeAttributes = ''): string =>
  `<s:Envelope xmlns:s="${NS.soap}" xmlns:a="${NS.addressing}" xmlns:d="${NS.discovery}">` +
  `<s:Header><a:Action>${NS.discovery}/Probe</a:Action><a:MessageID>${messageId}</a:MessageID></s:Header>` +
  `<s:Body><d:Probe ${probeAttributes}>${probeBody}</d:Probe></s:Body></s:Envelope>`;

describe('readProbe', () => {
  it('resolves Types against the prefixes in scope where they are written, the innermost winning', () => {
    const onProbe = probe(
      'uuid:1',
      '<d:Types>n:NetworkVideoTransmitter</d:Types>',
      `xmlns:n="${NS.onvifNetwork}"`,
    );
    const shadowed = probe(
      'uuid:2',
      `<d:Types xmlns:n="${NS.onvifDevice}">n:Device</d:Types>`,
      'xmlns:n="http://example.com/other"',
    );
    expect(readProbe(onProbe)?.types).toEqual([NVT]);
    expect(readProbe(shadowed)?.types).toEqual([`{${NS.onvifDevice}}Device`]);
    // An unprefixed type needs a default namespace; an unbound prefix makes no type at all.
    expect(readProbe(probe('uuid:3', '<d:Types>NetworkVideoTransmitter</d:Types>'))).toBeUndefined();
    expect(readProbe(probe('uuid:4', '<d:Types>q:NetworkVideoTransmitter</d:Types>'))).toBeUndefined();
  });

  it('reads the scopes and MatchBy, and the MessageID with its references decoded', () => {
    const read = readProbe(
      probe(
        'uuid:a&amp;b&#x21;',
        `<d:Scopes MatchBy="${NS.discovery}/strcmp0"> onvif://a/b
          onvif://c </d:Scopes>`,
      ),
    );
    expect(read).toEqual({
      messageId: 'uuid:a&b!',
      types: [],
      scopes: ['onvif://a/b', 'onvif://c'],
      matchBy: `${NS.discovery}/strcmp0`,
    });
  });

  it('refuses what is not a well-formed, namespace-correct Probe', () => {
    const good = probe('uuid:good', '');
    expect(readProbe(good)).toBeDefined();
    for (const bad of [
      `<!DOCTYPE x [<!ENTITY e "uuid:e">]>${probe('&e;', '')}`,
      probe('uuid:&unknown;', ''),
      `${good}<s:Envelope xmlns:s="${NS.soap}"/>`,
      probe('uuid:attr', '', 'q:x="1"'),
      probe('uuid:element', '<q:Types/>'),
      good.replaceAll(NS.discovery, NS.discovery2009),
      good.replace('<a:MessageID>uuid:good</a:MessageID>', ''),
      good.slice(0, -5),
    ]) {
      expect(readProbe(bad)).toBeUndefined();
    }
  });
});
