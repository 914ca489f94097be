import { type DataSource, type EnterpriseId } from '@ecogate/persistence';
import { type ObjectStorage } from '@ecogate/storage';
import { currentContents } from '../chain/chained-records';
import { type ChainSigner } from '../chain/chain-signing';
import {
  type InspectionReportService,
  signerFingerprint,
} from '../inspection-report/inspection-report.service';
import { PassageRepository } from '../passage/passage.repository';
import { type VideoArchiveClient } from '../video-archive/video-archive.client';
import { writeCanonicalZip } from './canonical-zip';
import { chainProofOf } from './chain-proof-source';
import { type ArchiveWait, passageClips, passagePhotos } from './evidence-sources';
import { packEntries } from './pack-entries';

/** Reports a run's progress: steps done of the total, and what it is doing when that takes long. */
export type PackProgress = (steps: number, totalSteps: number, activity: string | null) => Promise<void>;

/**
 * Gathers an inspection's evidence and lays it out as a signed canonical ZIP (pack-entries.ts).
 * Steps: the report's data, each passage's record and photos, each passage's clips, the chain
 * proof and the report, the pack itself.
 */
export class EvidencePackBuilder {
  constructor(
    private readonly dataSource: DataSource,
    /** Reads the photos' buckets. */
    private readonly storage: ObjectStorage,
    private readonly archive: VideoArchiveClient | undefined,
    private readonly signer: ChainSigner,
    private readonly reports: InspectionReportService,
    private readonly archiveWait: ArchiveWait,
  ) {}

  async build(
    enterpriseId: EnterpriseId,
    inspectionId: string,
    progress: PackProgress,
    signal: AbortSignal,
  ): Promise<Buffer> {
    const input = await this.reports.input(enterpriseId, inspectionId, { insidePack: true });
    const sampled = input.inspection.passages;
    const total = 1 + 2 * sampled.length + 2;
    let steps = 1;
    const step = async (activity: string | null = null) => {
      signal.throwIfAborted();
      await progress(++steps, total, activity);
    };
    await progress(steps, total, null);

    const passages = sampled.length
      ? await new PassageRepository(this.dataSource.manager).find(enterpriseId, {
          where: sampled.map((item) => ({ id: item.passageId, capturedAt: new Date(item.capturedAt) })),
        })
      : [];
    const contents = await currentContents(
      this.dataSource.manager,
      enterpriseId,
      'passages',
      passages.map((p) => p.id),
    );
    const records = sampled.flatMap((item) => {
      const content = contents.get(item.passageId);
      if (content === undefined) return [];
      const { passage: shown, ...mark } = item;
      return [
        {
          table: 'passages' as const,
          id: item.passageId,
          body: {
            // The row as the chain hashes it (chain/proof.json's last link of this record).
            record: JSON.parse(content) as unknown,
            documents: shown?.documents ?? [],
            auditTrail: shown?.auditTrail ?? [],
            inspection: mark,
          },
        },
      ];
    });
    const photos = await passagePhotos(this.storage, passages);
    for (let index = 0; index < sampled.length; index++) await step();

    const clips = await passageClips(
      this.archive,
      enterpriseId,
      sampled.map((item) => item.passageId),
      this.archiveWait,
      (reason) => progress(steps, total, `waiting for the video archive: ${reason}`),
      () => step(),
      signal,
    );

    const proof = await chainProofOf(
      this.dataSource.manager,
      enterpriseId,
      records.map(({ table, id }) => ({ table, id })),
    );
    const reportPdf = await this.reports.render(input);
    await step();
    const zip = writeCanonicalZip(
      packEntries(
        {
          reportPdf,
          inspection: input.inspection,
          indicators: input.indicators,
          records,
          photos: photos.photos,
          missingPhotos: photos.missing,
          clips: clips.clips,
          missingClips: clips.missing,
          proof,
          publicKeyPem: this.signer.publicKeyPem,
          keyFingerprint: signerFingerprint(this.signer),
        },
        (manifest) => Buffer.from(this.signer.sign(manifest), 'base64'),
      ),
    );
    await step();
    return zip;
  }
}
