export * from './coded-error.filter';
