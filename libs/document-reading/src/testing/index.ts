// Generated document photos for this lib's, the service's and the bench's tests.
export * from './photo-effects';
