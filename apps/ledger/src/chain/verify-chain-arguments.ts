import { parseEnterpriseId } from '@ecogate/persistence';
import { type VerifyChainRequest } from './verify-chain';

/** A day (YYYY-MM-DD, Asia/Shanghai midnight) or an ISO instant. */
function instant(text: string, name: string): Date {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+08:00` : text);
  if (Number.isNaN(at.getTime()))
    throw new Error(`--verify-chain: ${name} "${text}" is not a day or an instant`);
  return at;
}

/** `--verify-chain <enterpriseId> [from] [to]`, from the process's arguments. */
export function verifyChainArguments(argv: readonly string[]): VerifyChainRequest {
  const [enterprise, from, to] = argv
    .slice(argv.indexOf('--verify-chain') + 1)
    .filter((a) => !a.startsWith('--'));
  if (!enterprise) throw new Error('usage: --verify-chain <enterpriseId> [from] [to]');
  return {
    enterpriseId: parseEnterpriseId(enterprise),
    ...(from ? { from: instant(from, 'from') } : {}),
    ...(to ? { to: instant(to, 'to') } : {}),
  };
}
