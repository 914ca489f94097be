import { NS } from './namespaces';

const NAMESPACES = [
  `xmlns:s="${NS.soap12}"`,
  `xmlns:a="${NS.wsa}"`,
  `xmlns:tt="${NS.tt}"`,
  `xmlns:tds="${NS.tds}"`,
  `xmlns:trt="${NS.trt}"`,
  `xmlns:tev="${NS.tev}"`,
  `xmlns:wsnt="${NS.wsnt}"`,
  `xmlns:wstop="${NS.wstop}"`,
  `xmlns:tns1="${NS.tns1}"`,
  `xmlns:ter="${NS.ter}"`,
  `xmlns:xs="${NS.xs}"`,
  `xmlns:wsrf-r="${NS.wsrfR}"`,
  `xmlns:wsrf-rw="${NS.wsrfRw}"`,
  `xmlns:wsrf-bf="${NS.wsrfBf}"`,
].join(' ');

/** A SOAP 1.2 envelope around `body` (and `header` blocks, if any) with the ONVIF prefixes declared. */
export function soapEnvelope(body: string, header = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope ${NAMESPACES}>` +
    (header ? `<s:Header>${header}</s:Header>` : '') +
    `<s:Body>${body}</s:Body></s:Envelope>`
  );
}

/**
 * SOAP 1.2 fault with ONVIF subcodes, outermost first (`['ter:InvalidArgVal', 'ter:NoProfile']`);
 * ONVIF Core §5.8.2 nests each further subcode inside the previous one.
 */
export function soapFault(
  code: 'Sender' | 'Receiver' | 'VersionMismatch' | 'MustUnderstand',
  subcode: string | readonly string[],
  reason: string,
  extra: { readonly header?: string; readonly detail?: string } = {},
): string {
  const subcodes = typeof subcode === 'string' ? [subcode] : subcode;
  const nested = subcodes.reduceRight(
    (inner, value) => `<s:Subcode><s:Value>${value}</s:Value>${inner}</s:Subcode>`,
    '',
  );
  return soapEnvelope(
    `<s:Fault><s:Code><s:Value>s:${code}</s:Value>${nested}</s:Code>` +
      `<s:Reason><s:Text xml:lang="en">${escapeXml(reason)}</s:Text></s:Reason>` +
      (extra.detail ? `<s:Detail>${extra.detail}</s:Detail>` : '') +
      `</s:Fault>`,
    extra.header,
  );
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** `PT2M`, `PT10S`, `PT1H30M`, `PT0.5S` → milliseconds; undefined when not a duration. */
export function parseDuration(value: string | undefined): number | undefined {
  const match = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(value ?? '');
  if (!match || (!match[1] && !match[2] && !match[3])) return undefined;
  const [h, m, s] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
  ];
  return Math.round(((h * 60 + m) * 60 + s) * 1000);
}

/**
 * A WS-BaseNotification `AbsoluteOrRelativeTimeType` (a duration, or a dateTime on the device
 * clock) → milliseconds from `deviceNow`; undefined when it is neither.
 */
export function parseTerminationTime(value: string | undefined, deviceNow: Date): number | undefined {
  const relative = parseDuration(value);
  if (relative !== undefined) return relative;
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return undefined;
  return Date.parse(value) - deviceNow.getTime();
}

/** Milliseconds → `PT<seconds>S`. */
export const duration = (ms: number): string => `PT${Math.max(ms, 0) / 1000}S`;
