// The built console (CONSOLE_DIR), mounted by start-gateway.ts.
export { consoleContentSecurityPolicy } from './console-headers';
export { ConsoleFiles, safeSegments } from './console-files';
export { acceptsHtml, isConsoleRequest, isReservedPath, RESERVED_PREFIXES } from './console-paths';
export { ConsoleController, type ConsoleOptions } from './console.controller';
export { ConsoleModule } from './console.module';
export { consoleRoutes } from './console.openapi';
