import { NS } from './namespaces';
import { soapFault } from './soap-envelope';

export type SoapFaultCode = 'Sender' | 'Receiver' | 'VersionMismatch' | 'MustUnderstand';

/**
 * A fault the device answers with. Thrown anywhere in request handling; the HTTP status follows
 * the SOAP 1.2 HTTP binding (Part 2 §7.5.2.2): env:Sender → 400, every other fault → 500.
 */
export class SoapFault extends Error {
  constructor(
    readonly code: SoapFaultCode,
    readonly subcodes: readonly string[],
    reason: string,
    private readonly extra: { readonly header?: string; readonly detail?: string } = {},
  ) {
    super(reason);
    this.name = 'SoapFault';
  }

  get status(): number {
    return this.code === 'Sender' ? 400 : 500;
  }

  get contentType(): string {
    return 'application/soap+xml; charset=utf-8';
  }

  toXml(): string {
    return soapFault(this.code, this.subcodes, this.message, this.extra);
  }

  static wellFormed(reason: string): SoapFault {
    return new SoapFault('Sender', ['ter:WellFormed'], reason);
  }

  static notAuthorized(): SoapFault {
    return new SoapFault('Sender', ['ter:NotAuthorized'], 'Sender not Authorized');
  }

  /** ONVIF Core §5.8.2.2: "Optional Action Not Implemented" (env:Receiver). */
  static actionNotSupported(operation: string): SoapFault {
    return new SoapFault('Receiver', ['ter:ActionNotSupported'], `${operation} is not supported here`);
  }

  /** Missing argument, too many arguments, or the wrong type (ONVIF Core §5.8.2.2). */
  static invalidArgs(reason: string): SoapFault {
    return new SoapFault('Sender', ['ter:InvalidArgs'], reason);
  }

  static invalidArgVal(reason: string, detail?: string): SoapFault {
    return new SoapFault('Sender', ['ter:InvalidArgVal', ...(detail ? [detail] : [])], reason);
  }

  /** WS-ResourceFramework: the subscription (pull point) is unknown or has expired. */
  static resourceUnknown(deviceNow: Date): SoapFault {
    return new SoapFault('Sender', ['wsrf-rw:ResourceUnknownFault'], 'unknown or expired subscription', {
      detail: `<wsrf-r:ResourceUnknownFault><wsrf-bf:Timestamp>${deviceNow.toISOString()}</wsrf-bf:Timestamp></wsrf-r:ResourceUnknownFault>`,
    });
  }

  /** SOAP 1.2 Part 1 §5.4.8: names each mandatory header block the device did not understand. */
  static mustUnderstand(blocks: readonly { ns: string; local: string }[]): SoapFault {
    const header = blocks.map((b) => `<s:NotUnderstood qname="nu:${b.local}" xmlns:nu="${b.ns}"/>`).join('');
    return new SoapFault('MustUnderstand', [], 'SOAP header blocks not understood', { header });
  }

  /** An envelope in another namespace than SOAP 1.2's (Part 1 §5.4.7), with the Upgrade block. */
  static versionMismatch(): SoapFault {
    return new SoapFault('VersionMismatch', [], 'SOAP version mismatch', { header: UPGRADE });
  }
}

const UPGRADE = `<s:Upgrade><s:SupportedEnvelope qname="v:Envelope" xmlns:v="${NS.soap12}"/></s:Upgrade>`;

/**
 * The answer to a SOAP 1.1 envelope: SOAP 1.2 Appendix A has a 1.2 node answer a 1.1 message with a
 * 1.1 VersionMismatch fault over the SOAP 1.1 HTTP binding (500, text/xml), naming the supported
 * envelope in an Upgrade header block.
 */
export class Soap11VersionMismatch extends SoapFault {
  constructor() {
    super('VersionMismatch', [], 'SOAP version mismatch');
  }

  override get contentType(): string {
    return 'text/xml; charset=utf-8';
  }

  override toXml(): string {
    return (
      `<?xml version="1.0" encoding="UTF-8"?><e:Envelope xmlns:e="${NS.soap11}"><e:Header>` +
      `<s:Upgrade xmlns:s="${NS.soap12}"><s:SupportedEnvelope qname="v:Envelope" xmlns:v="${NS.soap12}"/></s:Upgrade>` +
      `</e:Header><e:Body><e:Fault><faultcode>e:VersionMismatch</faultcode>` +
      `<faultstring>SOAP version mismatch: this device speaks SOAP 1.2</faultstring></e:Fault></e:Body></e:Envelope>`
    );
  }
}
