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

export function systemDateAndTimeResponse(now: Date): string {
  return (
    `<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType>` +
    `<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone><tt:UTCDateTime>` +
    `<tt:Time><tt:Hour>${now.getUTCHours()}</tt:Hour><tt:Minute>${now.getUTCMinutes()}</tt:Minute><tt:Second>${now.getUTCSeconds()}</tt:Second></tt:Time>` +
    `<tt:Date><tt:Year>${now.getUTCFullYear()}</tt:Year><tt:Month>${now.getUTCMonth() + 1}</tt:Month><tt:Day>${now.getUTCDate()}</tt:Day></tt:Date>` +
    `</tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>`
  );
}

export const servicesResponse = (base: string): string =>
  `<tds:GetServicesResponse>` +
  [
    ['http://www.onvif.org/ver10/device/wsdl', 'device_service'],
    ['http://www.onvif.org/ver10/media/wsdl', 'media_service'],
    ['http://www.onvif.org/ver10/events/wsdl', 'events_service'],
  ]
    .map(
      ([ns, path]) =>
        `<tds:Service><tds:Namespace>${ns}</tds:Namespace><tds:XAddr>${base}/onvif/${path}</tds:XAddr>` +
        `<tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>`,
    )
    .join('') +
  `</tds:GetServicesResponse>`;

export const capabilitiesResponse = (base: string, relayOutputs: number): string =>
  `<tds:GetCapabilitiesResponse><tds:Capabilities>` +
  `<tt:Device><tt:XAddr>${base}/onvif/device_service</tt:XAddr><tt:IO><tt:InputConnectors>1</tt:InputConnectors>` +
  `<tt:RelayOutputs>${relayOutputs}</tt:RelayOutputs></tt:IO></tt:Device>` +
  `<tt:Events><tt:XAddr>${base}/onvif/events_service</tt:XAddr><tt:WSSubscriptionPolicySupport>false</tt:WSSubscriptionPolicySupport>` +
  `<tt:WSPullPointSupport>true</tt:WSPullPointSupport><tt:WSPausableSubscriptionManagerInterfaceSupport>false</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>` +
  `<tt:Media><tt:XAddr>${base}/onvif/media_service</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast>` +
  `<tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>` +
  `</tds:Capabilities></tds:GetCapabilitiesResponse>`;

export const PROFILE_TOKEN = 'profile_1';
export const VIDEO_SOURCE_TOKEN = 'video_src_1';

export const profilesResponse = (): string =>
  `<trt:GetProfilesResponse><trt:Profiles token="${PROFILE_TOKEN}" fixed="true"><tt:Name>mainStream</tt:Name>` +
  `<tt:VideoSourceConfiguration token="vsc_1"><tt:Name>VideoSource_1</tt:Name><tt:UseCount>1</tt:UseCount>` +
  `<tt:SourceToken>${VIDEO_SOURCE_TOKEN}</tt:SourceToken><tt:Bounds x="0" y="0" width="1920" height="1080"/></tt:VideoSourceConfiguration>` +
  `<tt:VideoEncoderConfiguration token="vec_1"><tt:Name>VideoEncoder_1</tt:Name><tt:UseCount>1</tt:UseCount>` +
  `<tt:Encoding>H264</tt:Encoding><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution>` +
  `<tt:Quality>5</tt:Quality><tt:RateControl><tt:FrameRateLimit>25</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval>` +
  `<tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl><tt:SessionTimeout>PT60S</tt:SessionTimeout></tt:VideoEncoderConfiguration>` +
  `</trt:Profiles></trt:GetProfilesResponse>`;

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
