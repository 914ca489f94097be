import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { buildEnvelope, type EventContext } from '@ecogate/messaging';
import {
  createDataSource,
  type DataSource,
  type EnterpriseId,
  type EntityManager,
  parseEnterpriseId,
  type TemporaryDatabase,
} from '@ecogate/persistence';
import { createLogger } from '@ecogate/telemetry';
import { loadInfraEnv } from '@ecogate/testing';
import { CompletePassageService } from '../complete-passage/complete-passage.service';
import { ledgerEntities, ledgerMigrations } from '../ledger.data-source';
import { ManualPassageService } from '../manual-passage/manual-passage.service';
import { RecordDecisionService } from '../record-decision/record-decision.service';
import { migratedDatabase } from '../testing/ledger-harness';
import { aDecision } from '../testing/ledger-test-kit';
import { VehicleRegistryService } from '../vehicle-registry/vehicle-registry.service';
import { type ChainEntry, type ChainKind, type ChainTable, nextEntry } from './chain-maths';
import { signChainRoots } from './chain-roots';
import { chainSignerFromPem } from './chain-signing';
import { verifyChain } from './verify-chain';

jest.setTimeout(60_000);

const logger = createLogger({ service: 'ledger-it', level: 'silent' });
const signer = chainSignerFromPem(
  generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
  'cluster-test',
);
const settings = { retentionFloorDays: 365 };
const A = parseEnterpriseId('ent-chain-a');
const B = parseEnterpriseId('ent-chain-b');

/** A delivery the consumer group has not handled yet (the claim is what the processed-event store answers). */
const context = (): EventContext => ({
  topic: 'gate.barrier.decided.v1',
  partition: 0,
  offset: '0',
  key: null,
  attempt: 1,
  claim: () => Promise.resolve(true),
});

class Rollback extends Error {}

let database: TemporaryDatabase;
let db: DataSource;

beforeAll(async () => {
  database = await migratedDatabase(loadInfraEnv().DATABASE_URL, 'ledger_chain_it');
  db = createDataSource({
    url: database.url,
    entities: ledgerEntities,
    migrations: ledgerMigrations,
    logging: false,
  });
  await db.initialize();
});
afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const chainOf = async (
  enterpriseId: EnterpriseId,
): Promise<{ seq: number; kind: ChainKind; table: ChainTable; id: string }[]> =>
  (
    (await db.query(
      `SELECT "seq", "kind", "record_table", "record_id" FROM "ledger_chain" WHERE "enterprise_id" = $1 ORDER BY "seq"`,
      [enterpriseId],
    )) as { seq: string; kind: ChainKind; record_table: ChainTable; record_id: string }[]
  ).map((row) => ({ seq: Number(row.seq), kind: row.kind, table: row.record_table, id: row.record_id }));

/** Runs `tamper` as a superuser would (plain SQL), verifies inside the same transaction, then undoes it. */
async function verifiedAfter(tamper: (tx: EntityManager) => Promise<unknown>) {
  let verification: Awaited<ReturnType<typeof verifyChain>> | undefined;
  await db
    .transaction(async (tx) => {
      await tamper(tx);
      verification = await verifyChain(tx, signer, settings, { enterpriseId: A });
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return verification!;
}

describe('the tamper-evident ledger against Postgres', () => {
  const recordDecision = () => new RecordDecisionService(db, logger);
  const decide = (decision: ReturnType<typeof aDecision>) =>
    recordDecision().execute(
      buildEnvelope('gate.barrier.decided.v1', {
        enterpriseId: decision.lane.enterpriseId,
        key: decision.lane.enterpriseId,
        payload: decision,
      }),
      context(),
    );
  let entered: ReturnType<typeof aDecision>;
  let manualId: string;
  let decidedId: string;

  it('chains every change once, in the transaction of the change, and verifies', async () => {
    await new VehicleRegistryService(db).upsert(A, '冀B12345', {
      plateColour: 'yellow',
      inventoryList: {
        bucket: 'docs',
        key: 'inv/1.pdf',
        sha256: 'b'.repeat(64),
        contentType: 'application/pdf',
        bytes: 10,
      },
      stageEvidence: { stage: 'VI', source: 'document', confirmed: true },
      actor: 'clerk-1',
    });
    entered = aDecision({ enterpriseId: A, direction: 'in' });
    expect(await decide(entered)).toBe('opened');
    // Redelivered: the decision's claim answers, nothing is written, nothing chained.
    expect(await decide(entered)).toBe('already-recorded');
    expect(await decide(aDecision({ enterpriseId: A, direction: 'out' }))).toBe('closed');
    const [passage] = (await db.query(`SELECT "id" FROM "passages" WHERE "enterprise_id" = $1`, [A])) as {
      id: string;
    }[];
    decidedId = passage!.id;
    await new CompletePassageService(db).execute(A, decidedId, {
      cargo: { name: '煤', tonnes: 31.5 },
      actor: 'clerk-1',
    });
    const manual = await new ManualPassageService(db, {
      retentionFloorDays: 365,
      maxFutureMs: 300_000,
    }).record(A, {
      requestId: randomUUID(),
      gateId: 'east-1',
      siteId: 'site-1',
      direction: 'in',
      plate: '冀B54321',
      colour: 'yellow',
      capturedAt: new Date(Date.now() - 60_000).toISOString(),
      reason: 'camera down',
      actor: 'guard-1',
    });
    manualId = manual.passage.id;

    expect((await chainOf(A)).map(({ seq, kind, table }) => [seq, kind, table])).toEqual([
      [1, 'vehicle-registered', 'vehicles'],
      [2, 'stage-evidence', 'vehicle_stage_evidence'],
      [3, 'passage-created', 'passages'],
      [4, 'passage-revised', 'passages'],
      [5, 'passage-revised', 'passages'],
      [6, 'passage-created', 'passages'],
    ]);
    const verification = await verifyChain(db.manager, signer, settings, { enterpriseId: A });
    expect(verification).toMatchObject({ ok: true, entries: 6, firstSeq: 1, lastSeq: 6, findings: [] });
  });

  it('appends concurrent changes of one enterprise without a gap, and another enterprise keeps its own chain', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        decide(aDecision({ enterpriseId: B, plate: { text: `冀C0000${i}`, colour: 'blue' } })),
      ),
    );
    expect(outcomes.every((outcome) => outcome === 'opened')).toBe(true);
    expect((await chainOf(B)).map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await verifyChain(db.manager, signer, settings, { enterpriseId: B })).toMatchObject({
      ok: true,
      entries: 8,
    });
  });

  it('signs a root per closed day, once, and verifies it', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const roots = await signChainRoots(db, signer, tomorrow);
    // One root, or two when the run straddles midnight in Shanghai: the last covers all six entries.
    const ofA = roots.filter((root) => root.enterpriseId === A);
    expect(ofA.at(-1)).toMatchObject({ lastSeq: 6, keyId: 'cluster-test' });
    expect(ofA.reduce((sum, root) => sum + root.count, 0)).toBe(6);
    expect(await signChainRoots(db, signer, tomorrow)).toEqual([]);
    expect(await verifyChain(db.manager, signer, settings, { enterpriseId: A })).toMatchObject({
      ok: true,
      roots: ofA.length,
    });
  });

  it('names a passage whose plate was updated', async () => {
    const verification = await verifiedAfter((tx) =>
      tx.query(`UPDATE "passages" SET "plate" = '冀B99999' WHERE "id" = $1`, [manualId]),
    );
    expect(verification.ok).toBe(false);
    expect(verification.first).toMatchObject({
      kind: 'record-altered',
      seq: 6,
      record: { table: 'passages', id: manualId },
    });
  });

  it('names a deleted passage', async () => {
    const verification = await verifiedAfter(async (tx) => {
      await tx.query(`DELETE FROM "passage_decisions" WHERE "passage_id" = $1`, [decidedId]);
      await tx.query(`DELETE FROM "passages" WHERE "id" = $1`, [decidedId]);
    });
    expect(verification.findings).toEqual([
      expect.objectContaining({
        kind: 'record-deleted',
        seq: 5,
        record: { table: 'passages', id: decidedId },
      }),
    ]);
  });

  it('names a forged passage inserted past the service', async () => {
    const forged = randomUUID();
    const verification = await verifiedAfter((tx) =>
      tx.query(
        `INSERT INTO "passages" ("id", "enterprise_id", "site_id", "plate", "plate_colour", "state", "captured_at",
           "received_at", "completeness", "missing_fields") VALUES ($1, $2, 'site-1', '冀B77777', 'yellow', 'inside', now(), now(), 1, '[]')`,
        [forged, A],
      ),
    );
    expect(verification.findings).toEqual([
      expect.objectContaining({ kind: 'record-inserted', record: { table: 'passages', id: forged } }),
    ]);
  });

  it('counts a passage received before the chain began apart: unprovable history, not an insert', async () => {
    const older = randomUUID();
    const verification = await verifiedAfter((tx) =>
      tx.query(
        `INSERT INTO "passages" ("id", "enterprise_id", "site_id", "plate", "plate_colour", "state", "captured_at",
           "received_at", "completeness", "missing_fields")
         SELECT $1, $2, 'site-1', '冀B66666', 'yellow', 'inside', min("at") - interval '1 second',
                min("at") - interval '1 second', 1, '[]'
           FROM "ledger_chain" WHERE "enterprise_id" = $2`,
        [older, A],
      ),
    );
    expect([verification.ok, verification.beforeChain]).toEqual([true, 1]);
  });

  it('names a chain row edited in place', async () => {
    const verification = await verifiedAfter((tx) =>
      tx.query(
        `UPDATE "ledger_chain" SET "content" = replace("content", '冀B54321', '冀B99999') WHERE "enterprise_id" = $1 AND "seq" = 6`,
        [A],
      ),
    );
    expect(verification.first).toMatchObject({ kind: 'entry-altered', seq: 6 });
  });

  it('names deleted chain rows', async () => {
    const verification = await verifiedAfter((tx) =>
      tx.query(`DELETE FROM "ledger_chain" WHERE "enterprise_id" = $1 AND "seq" = 4`, [A]),
    );
    expect(verification.first).toMatchObject({ kind: 'entry-deleted', seq: 4 });
  });

  it('catches a row and chain rewritten together, hashes recomputed, by the signed daily root', async () => {
    const verification = await verifiedAfter(async (tx) => {
      await tx.query(`UPDATE "passages" SET "plate" = '冀B99999' WHERE "id" = $1`, [decidedId]);
      const rows = (await tx.query(
        `SELECT "seq", "kind", "record_table", "record_id", "content", "content_hash", "prev_hash", "entry_hash", "at"
           FROM "ledger_chain" WHERE "enterprise_id" = $1 ORDER BY "seq"`,
        [A],
      )) as {
        seq: string;
        kind: ChainKind;
        record_table: ChainTable;
        record_id: string;
        content: string;
        at: Date;
        prev_hash: string;
      }[];
      // From the first entry of that passage on, every link recomputed as the forger would.
      const from = rows.findIndex((row) => row.record_id === decidedId);
      let head = { seq: Number(rows[from]!.seq) - 1, hash: rows[from]!.prev_hash };
      for (const row of rows.slice(from)) {
        const content =
          row.record_id === decidedId ? row.content.replaceAll('冀B12345', '冀B99999') : row.content;
        const entry: ChainEntry = nextEntry(
          head,
          row.kind,
          { table: row.record_table, id: row.record_id },
          content,
          row.at,
        );
        await tx.query(
          `UPDATE "ledger_chain" SET "content" = $3, "content_hash" = $4, "prev_hash" = $5, "entry_hash" = $6
            WHERE "enterprise_id" = $1 AND "seq" = $2`,
          [A, entry.seq, entry.content, entry.contentHash, entry.prevHash, entry.entryHash],
        );
        head = { seq: entry.seq, hash: entry.entryHash };
      }
    });
    // Rows and links agree now; only the root signed before the rewrite still disagrees.
    expect(verification.findings).toEqual([expect.objectContaining({ kind: 'chain-rewritten', seq: 6 })]);
    expect(verification.first?.detail).toContain('signed root');
  });

  it('names a root re-signed without the cluster key', async () => {
    const verification = await verifiedAfter((tx) =>
      tx.query(`UPDATE "ledger_chain_roots" SET "last_hash" = repeat('1', 64) WHERE "enterprise_id" = $1`, [
        A,
      ]),
    );
    expect(verification.first).toMatchObject({ kind: 'root-forged' });
  });
});
