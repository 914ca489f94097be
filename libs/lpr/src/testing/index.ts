// The lpr test kit for other projects' tests and benches: photo effects and the synthetic plates.
export * from './photo-effects';
export * from './synthetic-plates';
