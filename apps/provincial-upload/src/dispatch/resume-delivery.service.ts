import { type DataSource } from '@ecogate/persistence';
import { type Actor, recordOperatorAction } from '../audit/operator-actions';
import { type PlatformStatus } from './platform-status';

/** An operator resumes delivery after fixing the credentials; audited with the halt it cleared. */
export class ResumeDeliveryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly status: PlatformStatus,
  ) {}

  async execute(actor: Actor): Promise<{ delivering: true }> {
    const halt = this.status.halted;
    // Audit first: a resume that cannot be recorded does not happen.
    await recordOperatorAction(this.dataSource.manager, actor, {
      action: 'resume',
      details: { halt: halt ?? null },
    });
    this.status.resume();
    return { delivering: true };
  }
}
