import { type FaultMode } from '../faults/fault-settings.schema';

/** Counters behind `GET /_sim/stats`; record counts are per record, request counts per request or frame. */
export class SimulatorStats {
  accepted = 0;
  duplicates = 0;
  rejected = 0;
  /** Requests or frames refused with 401 (bad credentials, signature, timestamp or nonce). */
  unauthorized = 0;
  /** Requests or frames refused with 400 (not JSON, broken envelope, batch size…). */
  invalidRequests = 0;
  heartbeats = 0;
  injectedFaults: Record<FaultMode, number> = {
    '5xx': 0,
    timeout: 0,
    reset: 0,
    slow: 0,
    'malformed-ack': 0,
    '429': 0,
  };

  reset(): void {
    Object.assign(this, new SimulatorStats());
  }
}
