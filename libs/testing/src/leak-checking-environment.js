// Jest environment of the integration suites: a suite that leaves a timer running (a poll loop, a
// retry, an interval someone forgot to clear) is named with the line that started it, and the timer
// is cleared so it cannot keep the run alive after every test has finished. Jest's own
// --detectOpenHandles misses handles created between hooks and only sometimes names them.
const { TestEnvironment } = require('jest-environment-node');
const { relative } = require('node:path');

const PRUNE_EVERY = 5_000;

class LeakCheckingEnvironment extends TestEnvironment {
  #timers = [];
  #created = 0;
  #testPath;
  #rootDir;

  constructor(config, context) {
    super(config, context);
    this.#testPath = context.testPath;
    this.#rootDir = config.globalConfig.rootDir;
    for (const kind of ['setTimeout', 'setInterval']) {
      const original = this.global[kind];
      const track = this.#track.bind(this);
      const wrapped = function (...args) {
        const timer = original.apply(this, args);
        track(timer, kind, args[1], wrapped);
        return timer;
      };
      this.global[kind] = wrapped;
    }
  }

  #track(timer, kind, delay, wrapper) {
    // Only the frames are captured here; the text is formatted if the timer is ever reported.
    const site = { kind, delay: Number(delay) || 0 };
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 25; // deep enough to get past a library's own frames
    Error.captureStackTrace(site, wrapper);
    Error.stackTraceLimit = limit;
    this.#timers.push({ timer, site });
    if (++this.#created % PRUNE_EVERY === 0) this.#timers = this.#timers.filter(({ timer: t }) => live(t));
  }

  async teardown() {
    const leaked = this.#timers.filter(({ timer }) => live(timer) && timer.hasRef());
    this.#timers = [];
    if (leaked.length > 0) {
      const file = relative(this.#rootDir, this.#testPath);
      const lines = leaked.map(({ site }) => {
        const frames = site.stack.split('\n').slice(1);
        // Our own frames say where to look; a library's timer (a client not closed) shows its own.
        const ours = frames.filter((line) => !line.includes('node_modules') && !line.includes('(node:'));
        return `  ${site.kind}(…, ${site.delay} ms)\n${(ours.length > 0 ? ours : frames).slice(0, 8).join('\n')}`;
      });
      process.stderr.write(
        `\n[leak] ${file}: ${leaked.length} timer(s) still running after the suite ended; cleared here so ` +
          `the run can exit. Stop them where the suite closes its services:\n${lines.join('\n')}\n`,
      );
      for (const { timer } of leaked) clearTimeout(timer);
    }
    await super.teardown();
  }
}

/** A Node timer that has neither fired (a timeout) nor been cleared. */
function live(timer) {
  return typeof timer === 'object' && timer !== null && timer._destroyed !== true;
}

module.exports = LeakCheckingEnvironment;
