import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { NestPinoLogger } from './nest-logger';

describe('NestPinoLogger', () => {
  it('writes Nest messages as structured lines at the matching level, with their context', () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write: (chunk: Buffer, _e, done) => (
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>),
        done()
      ),
    });
    const nest = new NestPinoLogger(createLogger({ service: 'svc', level: 'trace', destination }));
    nest.log('Mapped {/recognize, POST} route', 'RouterExplorer');
    nest.error('boom', 'Error: boom\n    at x', 'ExceptionsHandler');
    nest.verbose('detail');
    expect(lines.map((l) => [l['level'], l['msg'], l['context']])).toEqual([
      ['info', 'Mapped {/recognize, POST} route', 'RouterExplorer'],
      ['error', 'boom', 'ExceptionsHandler'],
      ['trace', 'detail', undefined],
    ]);
    expect(lines[1]).toHaveProperty('trace', 'Error: boom\n    at x');
  });
});
