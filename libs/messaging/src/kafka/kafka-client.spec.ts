import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaSecurity } from './kafka-client';

describe('kafkaSecurity', () => {
  it('is plaintext without authentication when neither TLS nor SASL is set', () => {
    expect(kafkaSecurity({})).toEqual({});
  });

  it('trusts the CA file it is given, or the system CAs', () => {
    const caFile = join(tmpdir(), `kafka-client-spec-${process.pid}.pem`);
    writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
    expect(kafkaSecurity({ tls: { caFile } }).ssl).toEqual({
      ca: [expect.stringContaining('BEGIN CERTIFICATE')],
    });
    expect(kafkaSecurity({ tls: {} }).ssl).toBe(true);
  });

  it('authenticates with SCRAM, revealing the password only to kafkajs', () => {
    const password = { reveal: () => 's3cret', toString: () => '[secret]' };
    expect(
      kafkaSecurity({ sasl: { mechanism: 'scram-sha-512', username: 'ledger', password } }).sasl,
    ).toEqual({
      mechanism: 'scram-sha-512',
      username: 'ledger',
      password: 's3cret',
    });
  });
});
