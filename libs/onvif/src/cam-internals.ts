import { type Cam } from 'onvif';
import { parse, type UrlWithStringQuery } from 'node:url';
import { DeviceCallFailure } from './device-call-failure';
import { assertSameHost } from './device-address';

/** What the package's request helper hands back: its parsed body, the raw XML, the HTTP status. */
export interface RawSoapResponse {
  readonly xml: string;
  readonly statusCode?: number;
}

export interface RawSoapRequest {
  readonly body: string;
  /** Another endpoint than the device service (a subscription address). */
  readonly url?: string;
  readonly replyTimeoutMs?: number;
}

/**
 * The `onvif` package has no Device IO operations (GetRelayOutputs, SetRelayOutputState) and a
 * fixed one-minute PullMessages timeout, so those few requests go through its own (undeclared)
 * request helper: same transport, WS-UsernameToken header and digest fallback as every other call.
 */
interface CamPrivate {
  _request(
    options: { body: string; url?: UrlWithStringQuery; replyTimeout?: number },
    callback: (error: Error | null, data: unknown, xml?: string, statusCode?: number) => void,
  ): void;
  _envelopeHeader(openHeader?: boolean): string;
  _envelopeFooter(): string;
}

const internals = (cam: Cam): CamPrivate => cam as unknown as CamPrivate;

export function soapHeader(cam: Cam, openHeader = false): string {
  return internals(cam)._envelopeHeader(openHeader);
}

export function soapFooter(cam: Cam): string {
  return internals(cam)._envelopeFooter();
}

export function rawSoapRequest(cam: Cam, request: RawSoapRequest): Promise<RawSoapResponse> {
  // A subscription address is the device's own (the package pins it to the registered host); never
  // send the UsernameToken anywhere else, whatever that pinning does in a later version.
  if (request.url) assertSameHost(new URL(`http://${cam.hostname}`), request.url, 'subscription address');
  return new Promise((resolve, reject) => {
    internals(cam)._request(
      {
        body: request.body,
        // The package sends to a legacy `url.parse` object (as it stores subscription addresses).
        ...(request.url ? { url: parse(request.url) } : {}),
        ...(request.replyTimeoutMs ? { replyTimeout: request.replyTimeoutMs } : {}),
      },
      (error, _data, xml, statusCode) => {
        if (error) reject(new DeviceCallFailure(error, xml));
        else resolve({ xml: xml ?? '', ...(statusCode !== undefined ? { statusCode } : {}) });
      },
    );
  });
}

/**
 * Calls one of the package's callback methods as a promise of its first result; a failure keeps
 * the device's raw answer (a `DeviceCallFailure`), where a SOAP fault's subcodes are.
 */
export function call<T>(
  invoke: (callback: (error: Error | null, data?: T, xml?: string) => void) => void,
): Promise<T | undefined> {
  return new Promise((resolve, reject) => {
    invoke((error, data, xml) => (error ? reject(new DeviceCallFailure(error, xml)) : resolve(data)));
  });
}

/**
 * Re-dates the package's UsernameTokens on the device clock just read. The package reads that
 * clock once per session (`timeShift`, added to `process.uptime()` for each token's Created): a
 * device clock set while a session is open (NTP after a power loss) made every later token stale.
 */
export function followDeviceClock(cam: Cam, deviceTime: Date): void {
  cam.timeShift = deviceTime.getTime() - process.uptime() * 1000;
}
