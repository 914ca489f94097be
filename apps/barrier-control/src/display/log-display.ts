import { type LaneRef } from '@ecogate/contracts';
import { type Logger } from '@ecogate/telemetry';
import { type DisplayText } from '../decide-on-read/decision-mapping';
import { type LaneDisplay } from './display.port';

/** Writes what the display would show to the log (no LED hardware driven yet). */
export class LogDisplay implements LaneDisplay {
  readonly shown: { lane: LaneRef; text: DisplayText }[] = [];

  constructor(
    private readonly log: Logger,
    private readonly keep = 100,
  ) {}

  async show(lane: LaneRef, text: DisplayText): Promise<void> {
    this.shown.push({ lane, text });
    if (this.shown.length > this.keep) this.shown.shift();
    this.log.info({ lane: lane.laneId, display: text }, 'lane display');
  }
}
