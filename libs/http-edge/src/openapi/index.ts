export * from './openapi-document';
export * from './registered-routes';
export * from './serve-openapi';
export * from './controller-routes';
