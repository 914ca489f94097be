export * from './fuse-reads';
