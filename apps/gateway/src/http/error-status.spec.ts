import { ALL_ERROR_STATUS, mergeErrorStatus } from './error-status';

describe('the gateway error table', () => {
  it('answers the codes of accounts, the directory, sign-on and signed links', () => {
    expect(ALL_ERROR_STATUS).toMatchObject({
      'account-disabled': 403,
      'sso-account': 409,
      'enterprise-not-found': 404,
      'unknown-enterprise': 403,
      'invalid-callback': 400,
      'invalid-link-signature': 403,
      'link-expired': 410,
    });
  });

  it('refuses a code that two tables answer differently', () => {
    expect(() => mergeErrorStatus({ 'not-found': 404 }, { 'not-found': 410 })).toThrow(/not-found/);
    expect(mergeErrorStatus({ 'invalid-request': 400 }, { 'invalid-request': 400 })).toEqual({
      'invalid-request': 400,
    });
  });
});
