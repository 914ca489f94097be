import { type StageDisagreement } from '@ecogate/domain';
import { type ReviewedSource } from './vehicle-stage-review.entity';

export interface CurrentReview {
  readonly state: 'open' | 'resolved';
  readonly sources: readonly ReviewedSource[];
}

/**
 * What new evidence does to a vehicle's review: `open` a new one (or reopen one a person resolved
 * when the sources now say something else), `update` the stages an open one lists, `agree` when
 * an open one's sources agree again (closed by the evidence's author), or `none`. A resolved
 * review whose sources still say the same stays resolved: the person already looked at exactly that.
 */
export type ReviewTransition = 'open' | 'update' | 'agree' | 'none';

export function reviewTransition(
  current: CurrentReview | null,
  comparison: StageDisagreement,
): ReviewTransition {
  if (!comparison.disagree) return current?.state === 'open' ? 'agree' : 'none';
  if (!current) return 'open';
  if (current.state === 'open') return sameStages(current.sources, comparison.sources) ? 'none' : 'update';
  return sameStages(current.sources, comparison.sources) ? 'none' : 'open';
}

const key = (sources: readonly { source: string; stage: string }[]): string =>
  sources
    .map(({ source, stage }) => `${source}:${stage}`)
    .sort()
    .join(',');

const sameStages = (a: readonly ReviewedSource[], b: StageDisagreement['sources']): boolean =>
  key(a) === key(b);
