import { meter } from '@ecogate/telemetry';

/** Per capture the lane acted on: how camera and server reads combined (agree, disagree, …). */
export const fusionOutcomes = meter('barrier-control').createCounter('barrier_read_fusion_total', {
  description: 'Captures decided, by fusion outcome (agree, disagree, camera-only, server-only)',
});
