export * from './coded-error.filter';
export * from './openapi';
