// The lpr test kit for other projects' tests and benches: photo effects and the synthetic plates.
export * from './photo-effects';
export * from './synthetic-plates';
// Reads as the pipeline would give them, through the real PlateReader (no models): for the service's specs.
export { plateCandidate, readerOver } from './plate-candidates';
