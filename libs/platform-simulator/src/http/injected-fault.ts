import { type IncomingMessage } from 'node:http';
import { type FaultMode } from '../faults/fault-settings.schema';

// The fault drawn for a request, kept beside it for the handlers that act after the controller
// (the malformed ack). A WeakMap leaves nothing behind when the request is gone.
const faults = new WeakMap<IncomingMessage, FaultMode>();

export const markInjectedFault = (req: IncomingMessage, mode: FaultMode): void => {
  faults.set(req, mode);
};

export const injectedFaultOf = (req: IncomingMessage): FaultMode | undefined => faults.get(req);

/** A strict prefix of a JSON object is never valid JSON: what a garbled or cut-off answer looks like. */
export const truncateJson = (value: unknown): string => {
  const json = JSON.stringify(value);
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
};
