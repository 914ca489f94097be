import { DiscoveryAnswerError, probeMessage, readProbeMatches } from './ws-discovery-messages';

const SOAP = 'http://www.w3.org/2003/05/soap-envelope';
const WSA = 'http://schemas.xmlsoap.org/ws/2004/08/addressing';
const WSD = 'http://schemas.xmlsoap.org/ws/2005/04/discovery';

/** A ProbeMatches with unusual but legal prefixes (default namespace for the discovery elements). */
const answer = ({
  soap = SOAP,
  wsd = WSD,
  action = `${WSD}/ProbeMatches`,
  types = 'n:NetworkVideoTransmitter',
} = {}) =>
  `<env:Envelope xmlns:env="${soap}" xmlns:w="${WSA}" xmlns:n="http://www.onvif.org/ver10/network/wsdl">` +
  `<env:Header><w:Action>${action}</w:Action><w:RelatesTo>urn:uuid:1</w:RelatesTo></env:Header>` +
  `<env:Body><ProbeMatches xmlns="${wsd}"><ProbeMatch>` +
  `<w:EndpointReference><w:Address>urn:uuid:cam</w:Address></w:EndpointReference>` +
  `<Types>${types}</Types><Scopes> onvif://www.onvif.org/name/A </Scopes>` +
  `<XAddrs>http://10.0.0.5/onvif/device_service?a=1&amp;b=2</XAddrs><MetadataVersion>7</MetadataVersion>` +
  `</ProbeMatch></ProbeMatches></env:Body></env:Envelope>`;

describe('WS-Discovery messages', () => {
  it('reads a ProbeMatches by namespace, whatever the prefixes', () => {
    expect(readProbeMatches(answer())).toEqual({
      relatesTo: 'urn:uuid:1',
      matches: [
        {
          endpoint: 'urn:uuid:cam',
          types: ['dn:NetworkVideoTransmitter'],
          scopes: ['onvif://www.onvif.org/name/A'],
          xaddrs: ['http://10.0.0.5/onvif/device_service?a=1&b=2'],
          metadataVersion: 7,
        },
      ],
    });
  });

  it.each([
    ['a SOAP 1.1 envelope', answer({ soap: 'http://schemas.xmlsoap.org/soap/envelope/' })],
    ['WS-Discovery 1.1 (2009/01)', answer({ wsd: 'http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01' })],
    ['another action', answer({ action: `${WSD}/ResolveMatches` })],
    ['a type prefix not in scope', answer({ types: 'dn:NetworkVideoTransmitter' })],
    ['a DOCTYPE', `<!DOCTYPE e [<!ENTITY x "y">]>${answer()}`],
    [
      'an unbound element prefix',
      answer().replace('<w:Action>', '<q:Action>').replace('</w:Action>', '</q:Action>'),
    ],
    ['no RelatesTo', answer().replace(/<w:RelatesTo>.*<\/w:RelatesTo>/, '')],
    ['a truncated datagram', answer().slice(0, 200)],
  ])('refuses %s', (_what, datagram) => {
    expect(() => readProbeMatches(datagram)).toThrow(DiscoveryAnswerError);
  });

  it('probes for NetworkVideoTransmitter with the given MessageID', () => {
    const probe = probeMessage('urn:uuid:42');
    expect(probe).toContain('<a:MessageID>urn:uuid:42</a:MessageID>');
    expect(probe).toContain(`<a:Action s:mustUnderstand="1">${WSD}/Probe</a:Action>`);
    expect(probe).toContain('<d:Types>dn:NetworkVideoTransmitter</d:Types>');
  });
});
