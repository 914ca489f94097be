import { dahuaTrafficEvent, type DahuaTrafficFields } from './dahua-format';

/** The boundary Dahua firmwares declare on `eventManager.cgi?action=attach`. */
export const DAHUA_STREAM_BOUNDARY = 'myboundary';
export const DAHUA_ATTACH_PATH = '/cgi-bin/eventManager.cgi';
export const DAHUA_TRAFFIC_CODES = ['TrafficJunction', 'TrafficGate'] as const;

/**
 * One part of the attach stream: `--myboundary`, its headers, the body, then an empty line (as the
 * cameras write it: `\r\n\r\n` after the body). Every part carries its `Content-Length`.
 */
export function dahuaStreamPart(contentType: string, body: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${DAHUA_STREAM_BOUNDARY}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
    ),
    body,
    Buffer.from('\r\n\r\n'),
  ]);
}

/**
 * The event part's body: `Code=…;action=Pulse;index=0;data={…}`, the event's `Data` as the camera
 * pretty-prints it (three spaces, LF), without the pictures (they follow as JPEG parts).
 */
export function dahuaStreamEventText(fields: DahuaTrafficFields): string {
  const event = dahuaTrafficEvent(fields);
  return `Code=${String(event['Code'])};action=${String(event['Action'])};index=${String(event['Index'])};data=${JSON.stringify(event['Data'], null, 3)}`;
}

/** An event as the stream carries it: the text part, then the scene, then the plate crop. */
export function dahuaStreamEventParts(fields: DahuaTrafficFields): Buffer {
  return Buffer.concat([
    dahuaStreamPart('text/plain', Buffer.from(dahuaStreamEventText(fields), 'utf8')),
    ...(fields.scene ? [dahuaStreamPart('image/jpeg', fields.scene)] : []),
    ...(fields.plateCrop ? [dahuaStreamPart('image/jpeg', fields.plateCrop)] : []),
  ]);
}

/** The keep-alive part sent every `heartbeat` seconds. */
export const dahuaHeartbeatPart = (): Buffer => dahuaStreamPart('text/plain', Buffer.from('Heartbeat'));
