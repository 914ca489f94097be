import { silentLogger } from '@ecogate/lpr';
import sharp from 'sharp';
import { generateLicenceTruth, type PhotoConditions, photograph, renderLicencePage } from '../testing';
import { type DrivingLicenceEngine, loadDrivingLicenceEngine } from './driving-licence-engine';
import { startDrivingLicencePool } from './driving-licence-pool';
import { DrivingLicenceReader } from './driving-licence-reader';

const OPTIONS = { maxInputPixels: 40_000_000, decodeTimeoutSeconds: 10 };

describe('DrivingLicenceReader on generated licence photos (PP-OCRv4)', () => {
  let engine: DrivingLicenceEngine;
  let reader: DrivingLicenceReader;

  beforeAll(async () => {
    engine = await loadDrivingLicenceEngine({ sha256: {}, intraOpNumThreads: 1 }, silentLogger);
    reader = new DrivingLicenceReader(engine, OPTIONS);
  }, 120_000);

  afterAll(async () => {
    await engine.release();
  });

  // A photo takes about a second on an idle core; the bound is for a machine shared with other builds.
  const MODEL_TEST_TIMEOUT_MS = 120_000;

  const conditions: [string, PhotoConditions][] = [
    ['straight', {}],
    ['angled', { rotationDeg: -7, tilt: 0.12 }],
    ['dark', { brightness: 0.4, shadow: 0.3, noiseSigma: 5, jpegQuality: 70 }],
  ];

  it.each(conditions)(
    'reads the VIN, registration date and vehicle type of the %s photo',
    async (name, photo) => {
      const truth = generateLicenceTruth(name.length * 101);
      const bytes = await photograph(await renderLicencePage(truth), photo, 3);
      const outcome = await reader.read(bytes);
      if (outcome.kind !== 'read') throw new Error(outcome.message);
      expect(outcome.read.found).toBe(true);
      expect({
        vin: outcome.read.fields.vin?.value,
        registrationDate: outcome.read.fields.registrationDate?.value,
        vehicleType: outcome.read.fields.vehicleType?.value,
      }).toEqual({
        vin: truth.vin,
        registrationDate: truth.registrationDate,
        vehicleType: truth.vehicleType,
      });
      expect(outcome.read.fields.vin?.confidence).toBeGreaterThan(0.5);
    },
    MODEL_TEST_TIMEOUT_MS,
  );

  it(
    'reads a licence photographed sideways or upside down',
    async () => {
      const truth = generateLicenceTruth(90);
      const page = await renderLicencePage(truth);
      for (const [rotationDeg, quarterTurns] of [
        [-88, 1],
        [182, 2],
      ] as const) {
        const outcome = await reader.read(await photograph(page, { rotationDeg }, 9));
        expect(outcome.kind === 'read' && [outcome.quarterTurns, outcome.read.fields.vin?.value]).toEqual([
          quarterTurns,
          truth.vin,
        ]);
      }
    },
    MODEL_TEST_TIMEOUT_MS,
  );

  it(
    'says a blank photo is no licence, and bytes that are no image are unreadable',
    async () => {
      const blank = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#e8e4da' } })
        .jpeg()
        .toBuffer();
      const outcome = await reader.read(blank);
      expect(outcome.kind === 'read' && outcome.read).toEqual({
        kind: 'driving-licence',
        found: false,
        fields: {},
        unreadable: ['plate', 'vehicleType', 'vin', 'engineNo', 'registrationDate'],
      });
      expect(await reader.read(Buffer.from('not an image'))).toMatchObject({
        kind: 'unreadable-image',
        reason: 'unsupported-format',
      });
    },
    MODEL_TEST_TIMEOUT_MS,
  );
});

describe('startDrivingLicencePool', () => {
  it('reads a licence in a worker thread', async () => {
    const pool = await startDrivingLicencePool({
      workers: 1,
      queueLimit: 1,
      jobTimeoutMs: 60_000,
      workerHeapMb: 256,
      init: { engine: { sha256: {}, intraOpNumThreads: 1 }, reader: OPTIONS, sharpConcurrency: 1 },
      logger: silentLogger,
    });
    try {
      const truth = generateLicenceTruth(42);
      const outcome = await pool.run(await photograph(await renderLicencePage(truth), {}, 1));
      expect(outcome.kind === 'read' && outcome.read.fields.vin?.value).toBe(truth.vin);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
