// Signed links to filesystem objects (ADR 0008): mounted by start-gateway.ts in the embedded profile.
export { byteRange, type RangeAnswer } from './byte-range';
export { OBJECT_LINK_ERROR_STATUS, ObjectLinkError, type ObjectLinkErrorCode } from './object-link.errors';
export {
  isSignedLinkRequest,
  type ObjectReader,
  OBJECTS_PATH,
  ObjectsController,
} from './objects.controller';
export { ObjectsModule, type ObjectsModuleOptions } from './objects.module';
export { objectRoutes } from './objects.openapi';
