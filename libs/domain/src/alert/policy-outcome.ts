import { type StageEvidence } from '../emission';
import { type StageReason, type Verdict } from './admission-reason';
import { type StageRequirement } from './emergency-plan';
import { type Exemption } from './exemption';

/** The plan's answer before the lane mode applies, with what it rested on. */
export type PolicyOutcome =
  | { readonly verdict: Verdict; readonly reason: 'no-restriction' }
  | {
      readonly verdict: Verdict;
      readonly reason: 'exempted';
      readonly requirement: StageRequirement;
      readonly exemption: Exemption;
    }
  | { readonly verdict: Verdict; readonly reason: 'stage-unknown'; readonly requirement: StageRequirement }
  | {
      readonly verdict: Verdict;
      readonly reason: StageReason;
      readonly requirement: StageRequirement;
      readonly evidence: StageEvidence;
    };
