export const RECOGNITION_POOL = Symbol('RECOGNITION_POOL');
export const PLATE_READER = Symbol('PLATE_READER');
