import { parseEnvFile } from './infra-env';

describe('parseEnvFile', () => {
  it('reads KEY=VALUE lines and ignores comments and blanks', () => {
    expect(
      parseEnvFile(
        '# local services\nDATABASE_URL=postgres://a:b@127.0.0.1:1/x\n\nKAFKA_BROKERS= 127.0.0.1:2 \nlower=x\n',
      ),
    ).toEqual({
      DATABASE_URL: 'postgres://a:b@127.0.0.1:1/x',
      KAFKA_BROKERS: '127.0.0.1:2',
    });
  });
});
