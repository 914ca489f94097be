/**
 * A failed call through the `onvif` package, with the device's raw answer when there was one: the
 * package reduces a SOAP fault to its reason text, the subcodes (ter:NotAuthorized, ter:NoProfile…)
 * and the fault detail are only in the XML.
 */
export class DeviceCallFailure extends Error {
  constructor(
    readonly original: unknown,
    readonly xml: string | undefined,
  ) {
    super(original instanceof Error ? original.message : String(original), { cause: original });
    this.name = 'DeviceCallFailure';
  }
}
