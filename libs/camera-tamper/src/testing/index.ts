// Test kit of @ecogate/camera-tamper: footage that a tamper check must or must not flag.
export { syntheticScene } from './synthetic-scene';
export {
  EXPECTED_KIND,
  FOOTAGE_VARIANTS,
  footageFrame,
  footageSet,
  liveFrame,
  referenceFrame,
  type FootageFrame,
  type FootageVariant,
} from './footage';
export { loadSampleScenes, sampleScenesDir, type SampleScene } from './sample-scenes';
