import { POLICY } from '@ecogate/auth';
import { RouteMatcher, safeSegments } from './route-match';

describe('RouteMatcher', () => {
  const ledger = new RouteMatcher(POLICY.ledger);

  it('finds the policy route and its parameters', () => {
    const match = ledger.match('GET', safeSegments('/api/v1/enterprises/E1/vehicles/%E8%8B%8FA12345')!);
    expect(match?.key).toBe('GET /api/v1/enterprises/{enterpriseId}/vehicles/{plate}');
    expect(match?.params).toEqual({ enterpriseId: 'E1', plate: '苏A12345' });
  });

  it('knows no route outside the table', () => {
    expect(ledger.match('DELETE', safeSegments('/api/v1/enterprises/E1/passages')!)).toBeUndefined();
    expect(ledger.match('GET', safeSegments('/api/v1/enterprises/E1/secret')!)).toBeUndefined();
  });

  it.each(['/api/v1/../admin', '/api/v1/a%2Fb', '/api/v1//x', '/api/v1/%zz', '/api/v1/a%5cb'])(
    'refuses the ambiguous path %s',
    (path) => {
      expect(safeSegments(path)).toBeUndefined();
    },
  );
});
