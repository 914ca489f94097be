import { type z } from 'zod';

/** `records[3].payload.vin` from zod's path array. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** Zod issues that describe unrecognised keys carry the keys in `keys`, not in the path. */
function describe(issue: z.core.$ZodIssue): { path: string; message: string } {
  const path = formatIssuePath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return { path, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}` };
  }
  return { path, message: issue.message };
}

/** One line per problem, `path: message`, with the path relative to `prefix` (e.g. `records[2]`). */
export function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[] = [],
): string {
  return issues
    .map((issue) => {
      const { path, message } = describe({ ...issue, path: [...prefix, ...issue.path] });
      return path ? `${path}: ${message}` : message;
    })
    .join('; ');
}
