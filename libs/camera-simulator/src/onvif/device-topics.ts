import { escapeXml } from './soap-envelope';

export type OnvifTrigger = 'digital-input' | 'motion' | 'tamper';

export const VIDEO_SOURCE_TOKEN = 'video_src_1';

interface TopicSpec {
  /** Below `tns1:`, as in the ONVIF topic namespace. */
  readonly path: readonly string[];
  /** Source items: value and XML schema type. */
  readonly source: Readonly<Record<string, { value: string; type: string }>>;
  /** The one boolean data item carrying the state. */
  readonly dataName: string;
}

/** The topics the device raises (ONVIF Core / Device IO / Imaging topic definitions). */
export const TOPICS: Readonly<Record<OnvifTrigger, TopicSpec>> = {
  'digital-input': {
    path: ['Device', 'Trigger', 'DigitalInput'],
    source: { InputToken: { value: 'DI_0', type: 'tt:ReferenceToken' } },
    dataName: 'LogicalState',
  },
  motion: {
    path: ['RuleEngine', 'CellMotionDetector', 'Motion'],
    source: {
      VideoSourceConfigurationToken: { value: 'vsc_1', type: 'tt:ReferenceToken' },
      VideoAnalyticsConfigurationToken: { value: 'vac_1', type: 'tt:ReferenceToken' },
      Rule: { value: 'MyMotionDetectorRule', type: 'xs:string' },
    },
    dataName: 'IsMotion',
  },
  tamper: {
    path: ['VideoSource', 'GlobalSceneChange', 'ImagingService'],
    source: { Source: { value: VIDEO_SOURCE_TOKEN, type: 'tt:ReferenceToken' } },
    dataName: 'State',
  },
};

/** `tns1:Device/Trigger/DigitalInput`: the ConcreteSet topic expression of a notification. */
export const topicExpression = (spec: TopicSpec): string => `tns1:${spec.path.join('/')}`;

/** The source items of a notification: name → value. */
export const sourceValues = (spec: TopicSpec): Record<string, string> =>
  Object.fromEntries(Object.entries(spec.source).map(([name, item]) => [name, item.value]));

/**
 * The `wstop:TopicSet` of GetEventProperties: the topics as nested `tns1:` elements, each one the
 * device raises marked `wstop:topic="true"` with its message description (all are properties).
 */
export function topicSet(): string {
  return `<wstop:TopicSet>${topicLevel(Object.values(TOPICS), 0)}</wstop:TopicSet>`;
}

function topicLevel(specs: readonly TopicSpec[], depth: number): string {
  const names = [...new Set(specs.map((spec) => spec.path[depth] ?? ''))];
  return names
    .map((name) => {
      const below = specs.filter((spec) => spec.path[depth] === name);
      const topic = below.find((spec) => spec.path.length === depth + 1);
      const deeper = below.filter((spec) => spec.path.length > depth + 1);
      return (
        `<tns1:${name}${topic ? ' wstop:topic="true"' : ''}>` +
        (topic ? messageDescription(topic) : '') +
        topicLevel(deeper, depth + 1) +
        `</tns1:${name}>`
      );
    })
    .join('');
}

const itemDescriptions = (items: readonly (readonly [string, string])[]): string =>
  items
    .map(([name, type]) => `<tt:SimpleItemDescription Name="${escapeXml(name)}" Type="${type}"/>`)
    .join('');

const messageDescription = (spec: TopicSpec): string =>
  `<tt:MessageDescription IsProperty="true">` +
  `<tt:Source>${itemDescriptions(Object.entries(spec.source).map(([name, item]) => [name, item.type] as const))}</tt:Source>` +
  `<tt:Data>${itemDescriptions([[spec.dataName, 'xs:boolean']])}</tt:Data></tt:MessageDescription>`;
