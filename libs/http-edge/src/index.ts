export * from './coded-error.filter';
export * from './openapi';
export * from './read-limited-body';
