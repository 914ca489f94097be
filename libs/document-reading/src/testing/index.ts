// Generated document photos for this lib's, the service's and the bench's tests.
export * from './driving-licence-pages';
export * from './inventory-list-page';
export * from './inventory-list-samples';
export * from './photo-effects';
