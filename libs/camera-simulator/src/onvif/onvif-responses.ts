import { topicSet, VIDEO_SOURCE_TOKEN } from './device-topics';
import { NS } from './namespaces';
import { escapeXml } from './soap-envelope';

// Response bodies of the operations the simulated device answers (ONVIF Profile S / device IO).

export interface DeviceIdentity {
  readonly manufacturer: string;
  readonly model: string;
  readonly firmwareVersion: string;
  readonly serialNumber: string;
  readonly hardwareId: string;
}

export const deviceInformationResponse = (d: DeviceIdentity): string =>
  `<tds:GetDeviceInformationResponse><tds:Manufacturer>${escapeXml(d.manufacturer)}</tds:Manufacturer>` +
  `<tds:Model>${escapeXml(d.model)}</tds:Model><tds:FirmwareVersion>${escapeXml(d.firmwareVersion)}</tds:FirmwareVersion>` +
  `<tds:SerialNumber>${escapeXml(d.serialNumber)}</tds:SerialNumber><tds:HardwareId>${escapeXml(d.hardwareId)}</tds:HardwareId>` +
  `</tds:GetDeviceInformationResponse>`;

export function systemDateAndTimeResponse(now: Date, dateTimeType: 'NTP' | 'Manual' = 'NTP'): string {
  return (
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>${dateTimeType}</tt:DateTimeType>` +
    `<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone><tt:UTCDateTime>` +
    `<tt:Time><tt:Hour>${now.getUTCHours()}</tt:Hour><tt:Minute>${now.getUTCMinutes()}</tt:Minute><tt:Second>${now.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${now.getUTCFullYear()}</tt:Year><tt:Month>${now.getUTCMonth() + 1}</tt:Month><tt:Day>${now.getUTCDate()}</tt:Day></tt:Date>` +
    `</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`
  );
}

/** What the device can do, kept in one place so GetCapabilities, GetServices and GetServiceCapabilities agree. */
export interface DeviceFeatures {
  readonly base: string;
  readonly relayOutputs: number;
  readonly usernameToken: boolean;
  readonly httpDigest: boolean;
}

// Streaming: RTP/UDP, RTP/RTSP/TCP and RTSP over HTTP (Media §5.15.1's valid combinations); no
// multicast, and not the deprecated bare "TCP" transport.
const STREAMING = { RTPMulticast: false, RTP_TCP: false, RTP_RTSP_TCP: true } as const;

const attributes = (values: Readonly<Record<string, boolean | number | string>>): string =>
  Object.entries(values)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join('');

export const deviceServiceCapabilities = (f: DeviceFeatures): string =>
  `<tds:Capabilities><tds:Network${attributes({ IPFilter: false, ZeroConfiguration: false, IPVersion6: false, DynDNS: false, HostnameFromDHCP: false, NTP: 0 })}/>` +
  `<tds:Security${attributes({ 'TLS1.0': false, 'TLS1.1': false, 'TLS1.2': false, OnboardKeyGeneration: false, AccessPolicyConfig: false, DefaultAccessPolicy: true, Dot1X: false, RemoteUserHandling: false, 'X.509Token': false, SAMLToken: false, KerberosToken: false, UsernameToken: f.usernameToken, HttpDigest: f.httpDigest, RELToken: false })}/>` +
  `<tds:System${attributes({ DiscoveryResolve: false, DiscoveryBye: false, RemoteDiscovery: false, SystemBackup: false, SystemLogging: false, FirmwareUpgrade: false })}/>` +
  `</tds:Capabilities>`;

export const mediaServiceCapabilities = (): string =>
  `<trt:Capabilities${attributes({ SnapshotUri: true, Rotation: false, VideoSourceMode: false, OSD: false })}>` +
  `<trt:ProfileCapabilities MaximumNumberOfProfiles="1"/>` +
  `<trt:StreamingCapabilities${attributes({ ...STREAMING, NonAggregateControl: false, NoRTSPStreaming: false })}/>` +
  `</trt:Capabilities>`;

/** MaxNotificationProducers 0: pull points only, no WS-BaseNotification Subscribe. */
export const eventServiceCapabilities = (): string =>
  `<tev:Capabilities${attributes({ WSSubscriptionPolicySupport: false, WSPausableSubscriptionManagerInterfaceSupport: false, MaxNotificationProducers: 0, PersistentNotificationStorage: false })}/>`;

export const serviceCapabilitiesResponse = (prefix: 'tds' | 'trt' | 'tev', capabilities: string): string =>
  `<${prefix}:GetServiceCapabilitiesResponse>${capabilities}</${prefix}:GetServiceCapabilitiesResponse>`;

export const servicesResponse = (f: DeviceFeatures, includeCapability: boolean): string =>
  `<tds:GetServicesResponse>` +
  [
    [NS.tds, 'device_service', deviceServiceCapabilities(f)],
    [NS.trt, 'media_service', mediaServiceCapabilities()],
    [NS.tev, 'events_service', eventServiceCapabilities()],
  ]
    .map(
      ([ns, path, capabilities]) =>
        `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${f.base}/onvif/${path}</tds:XAddr>` +
        (includeCapability ? `<tds:Capabilities>${capabilities}</tds:Capabilities>` : '') +
        `<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>`,
    )
    .join('') +
  `</tds:GetServicesResponse>`;

export type CapabilityCategory = 'Device' | 'Events' | 'Media';

/** tt:Capabilities in schema order (Analytics, Device, Events, Imaging, Media, PTZ): only those asked for. */
export const capabilitiesResponse = (
  f: DeviceFeatures,
  categories: ReadonlySet<CapabilityCategory>,
): string =>
  `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
  (categories.has('Device')
    ? `<tt:Device><tt:XAddr>${f.base}/onvif/device_service</tt:XAddr><tt:IO><tt:InputConnectors>1</tt:InputConnectors>` +
      `<tt:RelayOutputs>${f.relayOutputs}</tt:RelayOutputs></tt:IO></tt:Device>`
    : '') +
  (categories.has('Events')
    ? `<tt:Events><tt:XAddr>${f.base}/onvif/events_service</tt:XAddr><tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>` +
      `<tt:WSPullPointSupport>true</tt:WSPullPointSupport><tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>`
    : '') +
  (categories.has('Media')
    ? `<tt:Media><tt:XAddr>${f.base}/onvif/media_service</tt:XAddr><tt:StreamingCapabilities>` +
      Object.entries(STREAMING)
        .map(([name, value]) => `<tt:${name}>${value}</tt:${name}>`)
        .join('') +
      `</tt:StreamingCapabilities></tt:Media>`
    : '') +
  `</tds:Capabilities></tds:GetCapabilitiesResponse>`;

export const hostnameResponse = (name: string): string =>
  `<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP>` +
  `<tt:Name>${escapeXml(name)}</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>`;

export const scopesResponse = (scopes: readonly string[]): string =>
  `<tds:GetScopesResponse>` +
  scopes
    .map(
      (scope) =>
        `<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>${escapeXml(scope)}</tt:ScopeItem></tds:Scopes>`,
    )
    .join('') +
  `</tds:GetScopesResponse>`;

export const PROFILE_TOKEN = 'profile_1';

/**
 * The one media profile's content. tt:VideoEncoderConfiguration in schema order with every
 * required element: Name, UseCount, Encoding, Resolution, Quality, RateControl, H264, Multicast
 * (unconfigured: 0.0.0.0, no multicast streaming), SessionTimeout.
 */
const profileContent = (): string =>
  `<tt:Name>mainStream</tt:Name>` +
  `<tt:VideoSourceConfiguration token="vsc_1"><tt:Name>VideoSource_1</tt:Name><tt:UseCount>1</tt:UseCount>` +
  `<tt:SourceToken>${VIDEO_SOURCE_TOKEN}</tt:SourceToken><tt:Bounds x="0" y="0" width="1920" height="1080"/></tt:VideoSourceConfiguration>` +
  `<tt:VideoEncoderConfiguration token="vec_1"><tt:Name>VideoEncoder_1</tt:Name><tt:UseCount>1</tt:UseCount>` +
  `<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution>` +
  `<tt:Quality>5</tt:Quality><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
  `<tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl>` +
  `<tt:H264><tt:GovLength>50</tt:GovLength><tt:H264Profile>Main</tt:H264Profile></tt:H264>` +
  `<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address></tt:Address>` +
  `<tt:Port>0</tt:Port><tt:TTL>1</tt:TTL><tt:AutoStart>false</tt:AutoStart></tt:Multicast>` +
  `<tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>`;

export const profilesResponse = (): string =>
  `<trt:GetProfilesResponse><trt:Profiles token="${PROFILE_TOKEN}" fixed="true">${profileContent()}</trt:Profiles></trt:GetProfilesResponse>`;

export const profileResponse = (): string =>
  `<trt:GetProfileResponse><trt:Profile token="${PROFILE_TOKEN}" fixed="true">${profileContent()}</trt:Profile></trt:GetProfileResponse>`;

export const videoSourcesResponse = (): string =>
  `<trt:GetVideoSourcesResponse><trt:VideoSources token="${VIDEO_SOURCE_TOKEN}"><tt:Framerate>25</tt:Framerate>` +
  `<tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>`;

export const mediaUriResponse = (operation: 'GetStreamUri' | 'GetSnapshotUri', uri: string): string =>
  `<trt:${operation}Response><trt:MediaUri><tt:Uri>${escapeXml(uri)}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect>` +
  `<tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:${operation}Response>`;

export type RelayMode = 'Bistable' | 'Monostable';

export const relayOutputsResponse = (tokens: readonly string[], mode: RelayMode, delayMs: number): string =>
  `<tds:GetRelayOutputsResponse>` +
  tokens
    .map(
      (token) =>
        `<tds:RelayOutputs token="${escapeXml(token)}"><tt:Properties><tt:Mode>${mode}</tt:Mode>` +
        `<tt:DelayTime>PT${delayMs / 1000}S</tt:DelayTime><tt:IdleState>open</tt:IdleState></tt:Properties></tds:RelayOutputs>`,
    )
    .join('') +
  `</tds:GetRelayOutputsResponse>`;

export const subscriptionResponse = (address: string, now: Date, terminatesAt: Date): string =>
  `<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><a:Address>${escapeXml(address)}</a:Address>` +
  `</tev:SubscriptionReference><wsnt:CurrentTime>${now.toISOString()}</wsnt:CurrentTime>` +
  `<wsnt:TerminationTime>${terminatesAt.toISOString()}</wsnt:TerminationTime></tev:CreatePullPointSubscriptionResponse>`;

/** GetEventProperties: the device's topics and the dialects it understands. */
export const eventPropertiesResponse = (): string =>
  `<tev:GetEventPropertiesResponse>` +
  `<tev:TopicNamespaceLocation>http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>` +
  `<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet>${topicSet()}` +
  `<wsnt:TopicExpressionDialect>http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet</wsnt:TopicExpressionDialect>` +
  `<wsnt:TopicExpressionDialect>http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete</wsnt:TopicExpressionDialect>` +
  `<tev:MessageContentFilterDialect>http://www.onvif.org/ver10/tev/messageContentFilter/ItemFilter</tev:MessageContentFilterDialect>` +
  `<tev:MessageContentSchemaLocation>http://www.onvif.org/onvif/ver10/schema/onvif.xsd</tev:MessageContentSchemaLocation>` +
  `</tev:GetEventPropertiesResponse>`;

export const renewResponse = (now: Date, terminatesAt: Date): string =>
  `<wsnt:RenewResponse><wsnt:TerminationTime>${terminatesAt.toISOString()}</wsnt:TerminationTime>` +
  `<wsnt:CurrentTime>${now.toISOString()}</wsnt:CurrentTime></wsnt:RenewResponse>`;

/** One ONVIF notification as a device queues it for a pull point. */
export interface DeviceNotification {
  readonly topic: string;
  readonly utcTime: Date;
  readonly operation: 'Initialized' | 'Changed' | 'Deleted';
  readonly source: Readonly<Record<string, string>>;
  readonly data: Readonly<Record<string, string>>;
}

const simpleItems = (items: Readonly<Record<string, string>>): string =>
  Object.entries(items)
    .map(([name, value]) => `<tt:SimpleItem Name="${escapeXml(name)}" Value="${escapeXml(value)}"/>`)
    .join('');

export const pullMessagesResponse = (
  now: Date,
  terminatesAt: Date,
  messages: readonly DeviceNotification[],
): string =>
  `<tev:PullMessagesResponse><tev:CurrentTime>${now.toISOString()}</tev:CurrentTime>` +
  `<tev:TerminationTime>${terminatesAt.toISOString()}</tev:TerminationTime>` +
  messages
    .map(
      (m) =>
        `<wsnt:NotificationMessage><wsnt:Topic Dialect="http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet">${m.topic}</wsnt:Topic>` +
        `<wsnt:Message><tt:Message UtcTime="${m.utcTime.toISOString()}" PropertyOperation="${m.operation}">` +
        `<tt:Source>${simpleItems(m.source)}</tt:Source><tt:Data>${simpleItems(m.data)}</tt:Data></tt:Message></wsnt:Message>` +
        `</wsnt:NotificationMessage>`,
    )
    .join('') +
  `</tev:PullMessagesResponse>`;
