import { type StreamPart } from './multipart-stream-parser';

/** The event codes we attach to: the ITC plate captures. */
export const DAHUA_TRAFFIC_CODES = ['TrafficJunction', 'TrafficGate'] as const;

/** A traffic event as the stream carried it, with the JPEG parts that followed it (scene first). */
export interface DahuaStreamEvent {
  readonly code: string;
  readonly action: string;
  /** The `data=` member: the event's `Data` as JSON text (not parsed yet). */
  readonly data: string;
  /** The event part's body exactly as received, kept for audits. */
  readonly text: Buffer;
  readonly images: readonly Buffer[];
}

/** What the stream carried, once whole: an event with its pictures, a heartbeat, or something we skip. */
export type DahuaStreamItem =
  | { readonly kind: 'event'; readonly event: DahuaStreamEvent }
  | { readonly kind: 'heartbeat' }
  | { readonly kind: 'ignored'; readonly reason: string };

/** The pictures an event may carry that we use: the scene, then the plate crop. */
const IMAGES_PER_EVENT = 2;

/**
 * `Heartbeat`, or `Code=…;action=…;index=…;data={…}`: the members before `data=` split at `;`, the
 * rest is the JSON (which may hold `;` and line breaks). `undefined` for text of another shape.
 */
export function parseEventText(
  text: string,
): { kind: 'heartbeat' } | { kind: 'event'; code: string; action: string; data: string } | undefined {
  const trimmed = text.trim();
  if (trimmed === 'Heartbeat') return { kind: 'heartbeat' };
  const dataAt = /(?:^|;)\s*data=/i.exec(trimmed);
  const head = dataAt ? trimmed.slice(0, dataAt.index) : trimmed;
  const data = dataAt ? trimmed.slice(dataAt.index + dataAt[0].length) : '';
  const members = new Map<string, string>();
  for (const member of head.split(';')) {
    const eq = member.indexOf('=');
    if (eq > 0) members.set(member.slice(0, eq).trim().toLowerCase(), member.slice(eq + 1).trim());
  }
  const code = members.get('code');
  if (!code) return undefined;
  return { kind: 'event', code, action: members.get('action') ?? '', data };
}

/**
 * Groups the stream's parts into events: a traffic event's text part opens one, the JPEG parts
 * after it are its pictures, and it is complete with its second picture, at the next text part
 * (event or heartbeat), or when the caller `flush`es it (nothing more came for a while, or the
 * stream ended: a read with only its scene is still a read).
 */
export class DahuaEventAssembler {
  private open: { code: string; action: string; data: string; text: Buffer; images: Buffer[] } | undefined;

  /** An event waits for more pictures. */
  get pending(): boolean {
    return this.open !== undefined;
  }

  accept(part: StreamPart): DahuaStreamItem[] {
    if (part.contentType === 'image/jpeg') {
      const open = this.open;
      if (!open) return [{ kind: 'ignored', reason: 'a picture without an event' }];
      open.images.push(part.body);
      return open.images.length >= IMAGES_PER_EVENT ? this.flush() : [];
    }
    if (!part.contentType.startsWith('text/')) {
      return [...this.flush(), { kind: 'ignored', reason: `a ${part.contentType} part` }];
    }
    const done = this.flush();
    const parsed = parseEventText(part.body.toString('utf8'));
    if (!parsed)
      return [...done, { kind: 'ignored', reason: 'a text part that is neither event nor heartbeat' }];
    if (parsed.kind === 'heartbeat') return [...done, parsed];
    if (!(DAHUA_TRAFFIC_CODES as readonly string[]).includes(parsed.code)) {
      return [...done, { kind: 'ignored', reason: `event code ${parsed.code.slice(0, 40)}` }];
    }
    this.open = { code: parsed.code, action: parsed.action, data: parsed.data, text: part.body, images: [] };
    return done;
  }

  /** The event waiting for pictures, as it is now (none if none waits). */
  flush(): DahuaStreamItem[] {
    const open = this.open;
    this.open = undefined;
    return open ? [{ kind: 'event', event: open }] : [];
  }
}
