// `npm run docs:roles`: rewrites the role table in docs/security.md from the policy table.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withCurrentRoleTable } from '../src/role-table';

const file = resolve(__dirname, '../../../docs/security.md');
writeFileSync(file, withCurrentRoleTable(readFileSync(file, 'utf8')));
console.log(`role table written to ${file}`);
