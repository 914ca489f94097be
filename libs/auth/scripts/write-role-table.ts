// `npm run docs:roles`: rewrites the role table in docs/security.md from the policy table.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { withCurrentRoleTable } from '../src/role-table';

async function main(): Promise<void> {
  const file = resolve(__dirname, '../../../docs/security.md');
  const text = withCurrentRoleTable(readFileSync(file, 'utf8'));
  // Formatted as `npm run format` would, so `format:check` stays green.
  writeFileSync(file, await format(text, { ...(await resolveConfig(file)), filepath: file }));
  console.log(`role table written to ${file}`);
}

void main();
