import { type Cam } from 'onvif';
import { z } from 'zod';
import { call, rawSoapRequest, soapFooter, soapHeader } from './cam-internals';
import { type OnvifNotification, parseNotifications } from './event-topics';
import { OnvifError, toOnvifError } from './onvif-error';
import { duration, durationMs, escapeXml, path, soapBody, textOf } from './soap-xml';

export interface PullPointOptions {
  /** How long the device may hold one PullMessages open waiting for an event. */
  readonly pullTimeoutMs: number;
  readonly messageLimit?: number;
  /** Renew when less than this is left of the subscription. */
  readonly renewMarginMs: number;
  /** Allowance for the network on top of the pull timeout. */
  readonly requestTimeoutMs: number;
  readonly now?: () => number;
}

const subscriptionTimes = z.object({ currentTime: z.date(), terminationTime: z.date() });
const subscriptionAddress = z.object({
  subscription: z.object({ subscriptionReference: z.object({ address: z.object({ href: z.string() }) }) }),
});

/**
 * One pull-point subscription kept alive: created on first use, renewed before it expires, and
 * recreated when the device has lost it (reboot, expiry): a pull then starts a fresh subscription.
 */
export class PullPointSubscription {
  private address: string | undefined;
  private expiresAt = 0;
  /** How many times a subscription was created / renewed (operators and tests watch these). */
  created = 0;
  renewed = 0;
  /** The pull timeout asked for: the configured one, or less when the device allows no more. */
  private pullTimeoutMs: number;

  constructor(
    private readonly cam: Cam,
    private readonly options: PullPointOptions,
  ) {
    this.pullTimeoutMs = options.pullTimeoutMs;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Waits up to the pull timeout for notifications; `[]` when none came or the subscription was recreated. */
  async pull(): Promise<OnvifNotification[]> {
    const address = await this.ensure();
    try {
      const { xml } = await rawSoapRequest(this.cam, {
        url: address,
        body: this.pullBody(address),
        replyTimeoutMs: this.pullTimeoutMs + this.options.requestTimeoutMs,
      });
      const response = path(soapBody(xml), 'PullMessagesResponse');
      this.track(textOf(path(response, 'CurrentTime')), textOf(path(response, 'TerminationTime')));
      return parseNotifications(response);
    } catch (error) {
      const failure = toOnvifError(error, 'PullMessages');
      if (failure.code === 'unreachable') throw failure;
      // ONVIF Core §9.1.2: a Timeout beyond the device's limit is answered with a
      // PullMessagesFaultResponse naming it; the subscription is fine, pull within the limit.
      const maxTimeout = durationMs(
        textOf(path(failure.fault?.detail, 'PullMessagesFaultResponse', 'MaxTimeout')),
      );
      if (maxTimeout !== undefined && maxTimeout < this.pullTimeoutMs) {
        this.pullTimeoutMs = maxTimeout;
        return this.pull();
      }
      // The device no longer knows the subscription: start over.
      this.address = undefined;
      await this.ensure();
      return [];
    }
  }

  /** Unsubscribes (best effort: a device that is gone has dropped it anyway). */
  async close(): Promise<void> {
    if (this.address === undefined) return;
    this.address = undefined;
    await call((cb) => this.cam.unsubscribe(cb, true)).catch(() => undefined);
  }

  private async ensure(): Promise<string> {
    if (this.address !== undefined && this.expiresAt - this.now() > this.options.renewMarginMs)
      return this.address;
    if (this.address !== undefined) {
      try {
        const renewed = subscriptionTimes.parse(await call((cb) => this.cam.renew({}, cb)));
        this.setExpiry(renewed.currentTime, renewed.terminationTime);
        this.renewed += 1;
        return this.address;
      } catch (error) {
        const failure = toOnvifError(error, 'Renew');
        if (failure.code === 'unreachable') throw failure;
        this.address = undefined;
      }
    }
    try {
      const created = subscriptionTimes.parse(await call((cb) => this.cam.createPullPointSubscription(cb)));
      const address = subscriptionAddress.parse(this.cam.events).subscription.subscriptionReference.address
        .href;
      this.setExpiry(created.currentTime, created.terminationTime);
      this.address = address;
      this.created += 1;
      return address;
    } catch (error) {
      if (error instanceof z.ZodError) {
        throw new OnvifError('unsupported', 'CreatePullPointSubscription: unexpected answer', {
          cause: error,
        });
      }
      throw toOnvifError(error, 'CreatePullPointSubscription');
    }
  }

  private track(current: string | undefined, termination: string | undefined): void {
    if (current === undefined || termination === undefined) return;
    const [c, t] = [new Date(current), new Date(termination)];
    if (!Number.isNaN(c.getTime()) && !Number.isNaN(t.getTime())) this.setExpiry(c, t);
  }

  // Device clocks drift: the remaining lifetime is measured on the device's clock, applied to ours.
  private setExpiry(current: Date, termination: Date): void {
    this.expiresAt = this.now() + (termination.getTime() - current.getTime());
  }

  private pullBody(address: string): string {
    return (
      soapHeader(this.cam, true) +
      `<a:To>${escapeXml(address)}</a:To></s:Header><s:Body>` +
      `<PullMessages xmlns="http://www.onvif.org/ver10/events/wsdl"><Timeout>${duration(this.pullTimeoutMs)}</Timeout>` +
      `<MessageLimit>${this.options.messageLimit ?? 10}</MessageLimit></PullMessages>` +
      soapFooter(this.cam)
    );
  }
}
