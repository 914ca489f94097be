import { randomBytes } from 'node:crypto';

export interface HikvisionAlertFields {
  readonly uuid: string;
  readonly activePostCount: number;
  readonly capturedAt: Date;
  readonly plate: string;
  readonly plateColor?: string;
  readonly plateType?: string;
  readonly confidence?: number;
  readonly channel?: number;
  readonly ipAddress?: string;
}

/** Camera local time with its offset, as ISAPI writes `dateTime` (China: +08:00). */
export function isapiDateTime(at: Date, offsetMinutes = 480): string {
  const local = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An `EventNotificationAlert` for one ANPR read, in the shape ISAPI cameras post. */
export function hikvisionAlertXml(f: HikvisionAlertFields): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<EventNotificationAlert version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">
<ipAddress>${f.ipAddress ?? '192.168.1.64'}</ipAddress>
<portNo>80</portNo>
<protocol>HTTP</protocol>
<macAddress>44:19:b6:6d:24:85</macAddress>
<channelID>${f.channel ?? 1}</channelID>
<dateTime>${isapiDateTime(f.capturedAt)}</dateTime>
<activePostCount>${f.activePostCount}</activePostCount>
<eventType>ANPR</eventType>
<eventState>active</eventState>
<eventDescription>ANPR</eventDescription>
<UUID>${f.uuid}</UUID>
<picNum>2</picNum>
<ANPR>
<country>CHN</country>
<licensePlate>${f.plate}</licensePlate>
<line>1</line>
<direction>forward</direction>
<confidenceLevel>${f.confidence ?? 97}</confidenceLevel>
<plateType>${f.plateType ?? '92TypeCivil'}</plateType>
<plateColor>${f.plateColor ?? 'blue'}</plateColor>
<licenseBright>0</licenseBright>
<vehicleType>vehicle</vehicleType>
<originalLicensePlate>${f.plate}</originalLicensePlate>
</ANPR>
</EventNotificationAlert>`;
}

export interface MultipartPart {
  readonly name: string;
  readonly filename?: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** `multipart/form-data` as an ISAPI camera sends it (each part named after its file). */
export function multipartBody(parts: readonly MultipartPart[]): { contentType: string; body: Buffer } {
  const boundary = `----HikBoundary${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\nContent-Type: ${part.contentType}\r\nContent-Length: ${part.body.length}\r\n\r\n`,
      ),
      part.body,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** The three parts of an ANPR post. */
export function hikvisionAnprPost(
  xml: string,
  plate?: Buffer,
  scene?: Buffer,
): { contentType: string; body: Buffer } {
  return multipartBody([
    {
      name: 'anpr.xml',
      filename: 'anpr.xml',
      contentType: 'application/xml',
      body: Buffer.from(xml, 'utf8'),
    },
    ...(plate
      ? [
          {
            name: 'licensePlatePicture.jpg',
            filename: 'licensePlatePicture.jpg',
            contentType: 'image/jpeg',
            body: plate,
          },
        ]
      : []),
    ...(scene
      ? [
          {
            name: 'detectionPicture.jpg',
            filename: 'detectionPicture.jpg',
            contentType: 'image/jpeg',
            body: scene,
          },
        ]
      : []),
  ]);
}
