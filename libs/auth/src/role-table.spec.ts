import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { roleTableMarkdown, withCurrentRoleTable } from './role-table';

describe('docs/security.md role table', () => {
  it('is the one generated from the policy table (run `npm run docs:roles` after changing it)', () => {
    const document = readFileSync(resolve(__dirname, '../../../docs/security.md'), 'utf8');
    expect(normalised(withCurrentRoleTable(document))).toBe(normalised(document));
  });

  it('shows every rule of the policy table', () => {
    const table = roleTableMarkdown();
    expect(table).toContain('| `PUT /api/v1/enterprises/{enterpriseId}/alert-level` | ✔ |');
    expect(table).toContain('### barrier-control');
  });
});

/** Prettier pads table cells; what counts is their content. */
function normalised(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => (line.startsWith('|') ? line.replace(/ +/g, '').replace(/-+/g, '-') : line))
    .join('\n');
}
