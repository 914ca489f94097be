// Runs once after the integration suite. The suites run in Jest's own process, so anything one of
// them left open (a socket, a server, a child process) would keep Jest alive for ever after the
// results are in. Give it a grace period to close, then name what is still open and exit with the
// run's own status: one leak costs seconds, never the CI step's timeout.
const GRACE_MS = Number(process.env.ECOGATE_EXIT_GRACE_MS ?? 15_000);

module.exports = async () => {
  setTimeout(() => {
    const open = process
      .getActiveResourcesInfo()
      .filter((kind) => kind !== 'TTYWrap')
      .reduce((counts, kind) => counts.set(kind, (counts.get(kind) ?? 0) + 1), new Map());
    process.stderr.write(
      `\n[leak] the integration run was still held open ${GRACE_MS / 1000} s after its last test by: ` +
        `${[...open].map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'nothing Node can name'}. ` +
        'Exiting with the run’s result; find the suite that leaves these open.\n',
    );
    // Jest sets the run's status as soon as its results are reported; without one, it never finished.
    process.exit(process.exitCode ?? 1);
  }, GRACE_MS).unref();
};
