import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type Principal } from '../principal';

/**
 * The authenticated caller `PolicyGuard` put on the request. On a route whose rule is open there
 * is none, and asking for it is a programming error.
 */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<{ principal?: Principal }>().principal;
  if (!principal) throw new Error('@Caller() on a route without an authenticated caller (an open rule?)');
  return principal;
});
