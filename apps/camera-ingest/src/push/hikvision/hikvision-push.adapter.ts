import { Injectable } from '@nestjs/common';
import { normaliseVendorColour, normaliseVendorPlateType } from '@ecogate/domain';
import busboy from 'busboy';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  type AnprPush,
  type AnprPushAdapter,
  type PushAnomaly,
  type PushLimits,
  type PushOutcome,
  type PushReply,
} from '../anpr-push.adapter';
import { IngestException } from '../ingest.exception';
import { jpegImage, mediaType } from '../push-parsing';
import { confidenceToUnit, vendorToken } from '../vendor-values';

// Part names of an ISAPI ANPR post; some firmwares name the part, others only the file.
const XML_PART = 'anpr.xml';
const PLATE_PART = 'licensePlatePicture.jpg';
const SCENE_PART = 'detectionPicture.jpg';
// Sent by some models; accepted (within the limits) but not stored.
const IGNORED_PARTS: ReadonlySet<string> = new Set(['vehiclePicture.jpg', 'pedestrianPicture.jpg']);
const MAX_PARTS = 6;

const digits = (field: string) => z.string().regex(/^\d{1,9}$/, `${field} must be an unsigned integer`);

// Values stay strings (parseTagValue off): a plate such as 123456 must not become a number. What
// identifies and proves the read is strict; `confidenceLevel`, `plateColor` and `plateType` are
// normalised in `parse` (vendor-values.ts). Members nothing reads (`ipAddress`, `channelID`,
// `direction`, `speed`, …) are not validated: an odd value there must not cost a read.
const alertSchema = z.object({
  EventNotificationAlert: z.object({
    dateTime: z.iso.datetime({ offset: true, local: false }),
    activePostCount: digits('activePostCount'),
    eventType: z.literal('ANPR'),
    UUID: z.string().regex(/^[\w.:{}-]{1,64}$/, 'UUID must be 1-64 printable characters'),
    ANPR: z.object({
      licensePlate: z.string().min(1).max(32),
      plateColor: z.unknown(),
      plateType: z.unknown(),
      confidenceLevel: z.unknown(),
    }),
  }),
});

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: false,
  trimValues: true,
});

/** Hikvision ISAPI: `multipart/form-data` with an `EventNotificationAlert` and two JPEGs. */
@Injectable()
export class HikvisionPushAdapter implements AnprPushAdapter {
  readonly vendor = 'hikvision' as const;

  async parse(contentType: string, body: Buffer, limits: PushLimits): Promise<AnprPush> {
    if (mediaType(contentType) !== 'multipart/form-data') {
      throw new IngestException('unsupported-media-type', 'Hikvision pushes must be multipart/form-data');
    }
    const parts = await readParts(contentType, body, limits);
    const xml = parts.get(XML_PART);
    if (!xml) throw new IngestException('missing-part', `the ${XML_PART} part is missing`);
    const plate = parts.get(PLATE_PART);
    const scene = parts.get(SCENE_PART);
    if (!plate && !scene) {
      throw new IngestException('missing-part', `neither ${PLATE_PART} nor ${SCENE_PART} is present`);
    }
    if (xml.length > limits.maxTextBytes) {
      throw new IngestException('payload-too-large', `${XML_PART} exceeds ${limits.maxTextBytes} bytes`);
    }
    const alert = parseAlert(xml.toString('utf8'));
    const anpr = alert.ANPR;
    const anomalies: PushAnomaly[] = [];
    return {
      vendor: this.vendor,
      idempotencyKey: `${alert.UUID}:${alert.activePostCount}`,
      capturedAt: new Date(alert.dateTime),
      plateText: anpr.licensePlate,
      colour: normaliseVendorColour('hikvision', vendorToken('plateColor', anpr.plateColor, anomalies)),
      plateType: normaliseVendorPlateType('hikvision', vendorToken('plateType', anpr.plateType, anomalies)),
      confidence: confidenceToUnit('confidenceLevel', anpr.confidenceLevel, anomalies),
      offline: false,
      images: {
        ...(scene ? { scene: jpegImage(SCENE_PART, scene, limits) } : {}),
        ...(plate ? { plate: jpegImage(PLATE_PART, plate, limits) } : {}),
      },
      anomalies,
      raw: { bytes: xml, contentType: 'application/xml', ext: 'xml' },
    };
  }

  reply(outcome: PushOutcome): PushReply {
    // ISAPI cameras only look at the status; the barrier is driven by its own ISAPI call.
    return { status: 200, contentType: 'application/json', body: JSON.stringify({ status: outcome.kind }) };
  }
}

function parseAlert(text: string): z.infer<typeof alertSchema>['EventNotificationAlert'] {
  // Entities are not expanded and a DOCTYPE is refused: no entity-expansion tricks.
  if (/<!DOCTYPE/i.test(text)) throw new IngestException('malformed-payload', `${XML_PART} has a DOCTYPE`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new IngestException(
      'malformed-payload',
      `${XML_PART} is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
    );
  }
  const parsed = alertSchema.safeParse(parser.parse(text));
  if (!parsed.success) {
    throw new IngestException('invalid-field', `${XML_PART}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data.EventNotificationAlert;
}

/** Reads the known parts with busboy's limits; an image over the cap stops the parse. */
function readParts(contentType: string, body: Buffer, limits: PushLimits): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        limits: {
          parts: MAX_PARTS,
          files: MAX_PARTS,
          fields: MAX_PARTS,
          fileSize: Math.max(limits.maxImageBytes, limits.maxTextBytes),
          fieldSize: limits.maxTextBytes,
          headerPairs: 16,
        },
      });
    } catch (error) {
      reject(new IngestException('malformed-payload', `bad multipart header: ${String(error)}`));
      return;
    }
    const parts = new Map<string, Buffer>();
    let failed = false;
    const fail = (error: IngestException): void => {
      if (failed) return;
      failed = true;
      reject(error);
    };
    const keep = (name: string, bytes: Buffer): void => {
      if (parts.has(name)) fail(new IngestException('malformed-payload', `part ${name} appears twice`));
      parts.set(name, bytes);
    };
    parser.on('file', (field, stream, info) => {
      const name = [field, info.filename].find((n) => n === XML_PART || n === PLATE_PART || n === SCENE_PART);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (name) chunks.push(chunk);
      });
      stream.on('limit', () =>
        fail(
          new IngestException(
            name === XML_PART ? 'payload-too-large' : 'image-too-large',
            `part ${info.filename ?? field} exceeds ${Math.max(limits.maxImageBytes, limits.maxTextBytes)} bytes`,
          ),
        ),
      );
      stream.on('end', () => {
        if (name) keep(name, Buffer.concat(chunks));
        else if (!IGNORED_PARTS.has(field) && !IGNORED_PARTS.has(info.filename ?? '')) {
          fail(new IngestException('malformed-payload', `unexpected part ${field}`));
        }
      });
    });
    parser.on('field', (field, value, info) => {
      if (info.valueTruncated) {
        fail(new IngestException('payload-too-large', `field ${field} exceeds ${limits.maxTextBytes} bytes`));
      } else if (field === XML_PART) keep(field, Buffer.from(value, 'utf8'));
      else fail(new IngestException('malformed-payload', `unexpected field ${field}`));
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      parser.on(limit, () => fail(new IngestException('malformed-payload', `more than ${MAX_PARTS} parts`)));
    }
    parser.on('error', (error: unknown) =>
      fail(new IngestException('malformed-payload', `bad multipart body: ${String(error)}`)),
    );
    parser.on('close', () => {
      if (!failed) resolve(parts);
    });
    Readable.from([body]).pipe(parser);
  });
}
