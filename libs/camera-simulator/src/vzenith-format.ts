export interface VzenithPlateFields {
  readonly serialno: string;
  readonly plateid: number;
  readonly capturedAt: Date;
  readonly plate: string;
  /** LC_* code: 1 blue, 2 yellow, 3 white, 4 black, 5 green. */
  readonly colorType?: number;
  readonly type?: number;
  readonly confidence?: number;
  readonly offline?: boolean;
  readonly scene?: Buffer;
  readonly plateCrop?: Buffer;
  readonly channel?: number;
}

/** An `AlarmInfoPlate` push as Vzenith-protocol cameras send it. */
export function vzenithAlarmInfoPlate(f: VzenithPlateFields): Record<string, unknown> {
  const ms = f.capturedAt.getTime();
  return {
    AlarmInfoPlate: {
      channel: f.channel ?? 0,
      deviceName: 'IVS',
      ipaddr: '192.168.1.100',
      serialno: f.serialno,
      result: {
        PlateResult: {
          license: f.plate,
          colorType: f.colorType ?? 1,
          type: f.type ?? 1,
          confidence: f.confidence ?? 96,
          direction: 0,
          triggerType: 8,
          plateid: f.plateid,
          isoffline: f.offline ? 1 : 0,
          ...(f.scene ? { imageFile: f.scene.toString('base64'), imageFileLen: f.scene.length } : {}),
          ...(f.plateCrop
            ? { imageFragmentFile: f.plateCrop.toString('base64'), imageFragmentFileLen: f.plateCrop.length }
            : {}),
          timeStamp: { Timeval: { sec: Math.floor(ms / 1000), usec: (ms % 1000) * 1000 } },
        },
      },
    },
  };
}
