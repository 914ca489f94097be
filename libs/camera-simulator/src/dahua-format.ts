export interface DahuaTrafficFields {
  /** The event code; `TrafficJunction` by default (`TrafficGate` on barrier-gate models). */
  readonly code?: 'TrafficJunction' | 'TrafficGate';
  readonly groupId: number;
  readonly eventId: number;
  readonly capturedAt: Date;
  readonly plate: string;
  /** `PlateColor` token: Blue, Yellow, White, Black, Green, YellowGreen, … */
  readonly plateColor?: string;
  readonly plateType?: string;
  /** 0-100 */
  readonly confidence?: number;
  readonly lane?: number;
  readonly scene?: Buffer;
  readonly plateCrop?: Buffer;
}

/**
 * A Dahua ITC `TrafficJunction` event (interfaces.md §3) as its HTTP push sends it: the event's
 * `Data` with `TrafficCar` and the plate `Object`, and the JPEGs base64 in `Images`.
 */
export function dahuaTrafficEvent(f: DahuaTrafficFields): Record<string, unknown> {
  const ms = f.capturedAt.getTime();
  const utc = Math.floor(ms / 1000);
  return {
    Code: f.code ?? 'TrafficJunction',
    Action: 'Pulse',
    Index: 0,
    Data: {
      GroupID: f.groupId,
      CountInGroup: (f.scene ? 1 : 0) + (f.plateCrop ? 1 : 0),
      EventID: f.eventId,
      UTC: utc,
      UTCMS: ms % 1000,
      Object: { ObjectType: 'Plate', Text: f.plate, Confidence: f.confidence ?? 96 },
      TrafficCar: {
        PlateNumber: f.plate,
        PlateColor: f.plateColor ?? 'Blue',
        PlateType: f.plateType ?? 'Normal',
        Lane: f.lane ?? 1,
        Direction: 0,
        VehicleColor: 'White',
        VehicleSize: 'Large-sized',
        UTC: utc,
      },
    },
    Images: {
      ...(f.scene ? { Scene: f.scene.toString('base64') } : {}),
      ...(f.plateCrop ? { Plate: f.plateCrop.toString('base64') } : {}),
    },
  };
}
