import { NS } from './namespaces';
import { SoapFault } from './soap-fault';
import { qualified, type XmlElement } from './xml-tree';

/** The device's SOAP endpoints: each serves its own service's operations only. */
export type OnvifEndpoint = 'device' | 'media' | 'events' | 'subscription';

/** One element of an operation's schema (`min`/`max` default to exactly one). */
interface Param {
  readonly ns: string;
  readonly name: string;
  readonly min?: number;
  readonly max?: number;
  /** A complex element: its own children. Absent: a simple value (no child elements). */
  readonly shape?: Shape;
  /** Content not checked here (wsnt:FilterType, SubscriptionPolicy). */
  readonly anyContent?: boolean;
}

interface Shape {
  readonly params: readonly Param[];
  /** An `xs:any` at the end: extension elements allowed, except in this namespace (`##other`). */
  readonly extensions?: { readonly notIn?: string };
}

export interface OperationSpec {
  readonly endpoint: OnvifEndpoint;
  readonly ns: string;
  readonly name: string;
  /** ONVIF Core §5.9.4.3 access class PRE_AUTH: no login needed. */
  readonly preAuth: boolean;
  readonly shape: Shape;
}

const none: Shape = { params: [] };
const leaf = (ns: string, name: string, more: Partial<Param> = {}): Param => ({ ns, name, ...more });
const op = (
  endpoint: OnvifEndpoint,
  ns: string,
  name: string,
  preAuth: boolean,
  shape = none,
): OperationSpec => ({
  endpoint,
  ns,
  name,
  preAuth,
  shape,
});

const STREAM_SETUP: Shape = {
  params: [
    leaf(NS.tt, 'Stream'),
    {
      ns: NS.tt,
      name: 'Transport',
      shape: { params: [leaf(NS.tt, 'Protocol'), leaf(NS.tt, 'Tunnel', { min: 0, anyContent: true })] },
    },
  ],
  extensions: {},
};
const PROFILE_TOKEN = leaf(NS.trt, 'ProfileToken');

// Request schemas from devicemgmt.wsdl, media.wsdl, event.wsdl and WS-BaseNotification (bw-2).
const OPERATIONS: readonly OperationSpec[] = [
  op('device', NS.tds, 'GetSystemDateAndTime', true),
  op('device', NS.tds, 'GetServices', true, { params: [leaf(NS.tds, 'IncludeCapability')] }),
  op('device', NS.tds, 'GetServiceCapabilities', true),
  op('device', NS.tds, 'GetCapabilities', true, {
    params: [leaf(NS.tds, 'Category', { min: 0, max: Infinity })],
  }),
  op('device', NS.tds, 'GetHostname', true),
  op('device', NS.tds, 'GetDeviceInformation', false),
  op('device', NS.tds, 'GetScopes', false),
  op('device', NS.tds, 'GetRelayOutputs', false),
  op('device', NS.tds, 'SetRelayOutputState', false, {
    params: [leaf(NS.tds, 'RelayOutputToken'), leaf(NS.tds, 'LogicalState')],
  }),
  op('media', NS.trt, 'GetServiceCapabilities', true),
  op('media', NS.trt, 'GetProfiles', false),
  op('media', NS.trt, 'GetProfile', false, { params: [PROFILE_TOKEN] }),
  op('media', NS.trt, 'GetVideoSources', false),
  op('media', NS.trt, 'GetStreamUri', false, {
    params: [{ ns: NS.trt, name: 'StreamSetup', shape: STREAM_SETUP }, PROFILE_TOKEN],
  }),
  op('media', NS.trt, 'GetSnapshotUri', false, { params: [PROFILE_TOKEN] }),
  op('events', NS.tev, 'GetServiceCapabilities', true),
  op('events', NS.tev, 'GetEventProperties', false),
  op('events', NS.tev, 'CreatePullPointSubscription', false, {
    params: [
      leaf(NS.tev, 'Filter', { min: 0, anyContent: true }),
      leaf(NS.tev, 'InitialTerminationTime', { min: 0 }),
      leaf(NS.tev, 'SubscriptionPolicy', { min: 0, anyContent: true }),
    ],
    extensions: { notIn: NS.tev },
  }),
  // The pull point (subscription manager): PullMessages is ONVIF's (tev), Renew and Unsubscribe
  // are WS-BaseNotification's (wsnt), as event.wsdl's PullPointSubscription binding defines them.
  op('subscription', NS.tev, 'PullMessages', false, {
    params: [leaf(NS.tev, 'Timeout'), leaf(NS.tev, 'MessageLimit')],
    extensions: { notIn: NS.tev },
  }),
  op('subscription', NS.wsnt, 'Renew', false, {
    params: [leaf(NS.wsnt, 'TerminationTime')],
    extensions: { notIn: NS.wsnt },
  }),
  op('subscription', NS.wsnt, 'Unsubscribe', false, { params: [], extensions: { notIn: NS.wsnt } }),
];

/** The endpoint a request path addresses (a subscription's path carries its id). */
export function endpointOf(path: string): { kind: OnvifEndpoint; subscriptionId: string } | undefined {
  const services: Record<string, OnvifEndpoint> = {
    '/onvif/device_service': 'device',
    '/onvif/media_service': 'media',
    '/onvif/events_service': 'events',
  };
  const service = services[path];
  if (service) return { kind: service, subscriptionId: '' };
  const id = /^\/onvif\/subscription\/([\w-]+)$/.exec(path)?.[1];
  return id ? { kind: 'subscription', subscriptionId: id } : undefined;
}

/** The operation `element` names on `endpoint`, matched by namespace and local name; else ter:ActionNotSupported. */
export function findOperation(endpoint: OnvifEndpoint, element: XmlElement): OperationSpec {
  const spec = OPERATIONS.find(
    (o) => o.endpoint === endpoint && o.ns === element.ns && o.name === element.local,
  );
  if (!spec) throw SoapFault.actionNotSupported(qualified(element));
  return spec;
}

/**
 * Checks the request's elements against the operation's schema: names in the right namespace, in
 * order, each as often as allowed. A stranger, a missing or a repeated element is ter:InvalidArgs.
 */
export function checkParameters(spec: OperationSpec, element: XmlElement): void {
  checkShape(element, spec.shape);
}

function checkShape(element: XmlElement, shape: Shape): void {
  const counts = new Map<Param, number>();
  let position = 0;
  for (const child of element.children) {
    const index = shape.params.findIndex((p) => p.ns === child.ns && p.name === child.local);
    const param = shape.params[index];
    if (!param) {
      if (shape.extensions && child.ns !== shape.extensions.notIn) continue;
      throw SoapFault.invalidArgs(`unexpected ${qualified(child)} in ${qualified(element)}`);
    }
    if (index < position)
      throw SoapFault.invalidArgs(`${qualified(child)} out of order in ${qualified(element)}`);
    position = index;
    counts.set(param, (counts.get(param) ?? 0) + 1);
    if (param.shape) checkShape(child, param.shape);
    else if (!param.anyContent && child.children.length > 0) {
      throw SoapFault.invalidArgs(`${qualified(child)} takes a value, not elements`);
    }
  }
  for (const param of shape.params) {
    const count = counts.get(param) ?? 0;
    if (count < (param.min ?? 1)) {
      throw SoapFault.invalidArgs(`missing {${param.ns}}${param.name} in ${qualified(element)}`);
    }
    if (count > (param.max ?? 1)) {
      throw SoapFault.invalidArgs(`too many {${param.ns}}${param.name} in ${qualified(element)}`);
    }
  }
}
