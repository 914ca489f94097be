import { attr, list, path, textOf } from './soap-xml';

export type OnvifEventKind = 'digital-input' | 'motion' | 'tamper' | 'other';

/** One notification from a pull point, normalised. */
export interface OnvifNotification {
  readonly topic: string;
  readonly kind: OnvifEventKind;
  /** The input/alarm state it reports; undefined when the message carries none. */
  readonly active: boolean | undefined;
  /** `Initialized` messages report the state at subscription time, not a change. */
  readonly operation: 'Initialized' | 'Changed' | 'Deleted' | 'unknown';
  /** Device clock. */
  readonly utcTime: Date | undefined;
  readonly source: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, string>>;
}

// Topic (without the `tns1:` prefix) → kind and the data item that carries the state. Vendors use
// several topics for the same thing; these are the ONVIF core ones and the common variants.
const TOPIC_RULES: readonly { pattern: RegExp; kind: Exclude<OnvifEventKind, 'other'>; items: string[] }[] = [
  { pattern: /^Device\/Trigger\/DigitalInput$/i, kind: 'digital-input', items: ['LogicalState', 'State'] },
  {
    pattern: /^Device\/IO\/(DigitalInput|VirtualPort)$/i,
    kind: 'digital-input',
    items: ['LogicalState', 'State'],
  },
  { pattern: /^RuleEngine\/CellMotionDetector\/Motion$/i, kind: 'motion', items: ['IsMotion'] },
  { pattern: /^VideoSource\/MotionAlarm$/i, kind: 'motion', items: ['State'] },
  { pattern: /^VideoSource\/GlobalSceneChange\//i, kind: 'tamper', items: ['State'] },
  { pattern: /^RuleEngine\/TamperDetector\/Tamper$/i, kind: 'tamper', items: ['IsTamper'] },
];

export function classifyTopic(
  topic: string,
  data: Readonly<Record<string, string>>,
): { kind: OnvifEventKind; active: boolean | undefined } {
  const local = topic.replace(/^[\w-]+:/, '').replace(/\/[\w-]+:/g, '/');
  const rule = TOPIC_RULES.find((r) => r.pattern.test(local));
  if (!rule) return { kind: 'other', active: undefined };
  const value = rule.items.map((item) => data[item]).find((v) => v !== undefined);
  return { kind: rule.kind, active: value === undefined ? undefined : /^(true|1)$/i.test(value) };
}

const items = (node: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const item of list(path(node, 'SimpleItem'))) {
    const name = attr(item, 'Name');
    const value = attr(item, 'Value');
    if (name !== undefined && value !== undefined) out[name] = value;
  }
  return out;
};

/** Reads the `NotificationMessage`s of a PullMessagesResponse body. */
export function parseNotifications(response: unknown): OnvifNotification[] {
  return list(path(response, 'NotificationMessage')).map((notification) => {
    const topic = textOf(path(notification, 'Topic')) ?? '';
    const message = path(notification, 'Message', 'Message');
    const data = items(path(message, 'Data'));
    const operation = attr(message, 'PropertyOperation');
    const utc = attr(message, 'UtcTime');
    const time = utc === undefined ? undefined : new Date(utc);
    return {
      topic,
      ...classifyTopic(topic, data),
      operation:
        operation === 'Initialized' || operation === 'Changed' || operation === 'Deleted'
          ? operation
          : 'unknown',
      utcTime: time && !Number.isNaN(time.getTime()) ? time : undefined,
      source: items(path(message, 'Source')),
      data,
    };
  });
}
