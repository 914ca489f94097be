import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  type DrivingLicenceOutcome,
  type DrivingLicencePool,
  LICENCE_FIELDS,
} from '@ecogate/document-reading';
import { type PoolRefusal } from '@ecogate/lpr';
import {
  documentFields as fields,
  documentReadDuration as duration,
  documentReads as reads,
} from './document-metrics';
import { DRIVING_LICENCE_POOL } from './driving-licence.tokens';

/** The licence reader as the service uses it: a photo to its worker pool, metrics, and the pool's shutdown. */
@Injectable()
export class DrivingLicenceService implements OnApplicationShutdown {
  constructor(@Inject(DRIVING_LICENCE_POOL) private readonly pool: DrivingLicencePool) {}

  async read(image: Uint8Array): Promise<DrivingLicenceOutcome | PoolRefusal> {
    const started = performance.now();
    const outcome = await this.pool.run(image);
    const document = 'driving-licence';
    duration.record((performance.now() - started) / 1000, { document });
    if (outcome.kind !== 'read') {
      reads.add(1, { document, outcome: outcome.kind });
      return outcome;
    }
    reads.add(1, { document, outcome: outcome.read.found ? 'found' : 'not-found' });
    if (outcome.read.found)
      for (const field of LICENCE_FIELDS)
        fields.add(1, {
          document,
          field,
          result: outcome.read.unreadable.includes(field) ? 'unreadable' : 'read',
        });
    return outcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
