// Generated document photos for this lib's, the service's and the bench's tests.
export * from './driving-licence-pages';
export * from './inventory-list-page';
export * from './inventory-list-samples';
// The photo effects moved to @ecogate/lpr/testing (the plate generator uses them too, and lpr may not
// import this lib); re-exported so the document tests and benches keep one import.
export {
  blurred,
  darkened,
  noisy,
  pageQuadInPhoto,
  photograph,
  type PhotoConditions,
  placeInPerspective,
  rasteriseSvg,
  seededRandom,
} from '@ecogate/lpr/testing';
