export * from './plate-families';
export * from './plate-layout';
export * from './plate-svg';
export * from './plate-texts';
export * from './scene-backgrounds';
export * from './synthetic-plate-set';
