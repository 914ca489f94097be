import { assessView, frameFingerprint, viewSignature } from '@ecogate/camera-tamper';
import { footageFrame, referenceFrame, syntheticScene } from '@ecogate/camera-tamper/testing';
import { PooledViewAnalysis } from './view-analysis';

describe('PooledViewAnalysis', () => {
  it('answers what the in-process analysis answers, and refuses once the app shut it down', async () => {
    const analysis = new PooledViewAnalysis({ workers: 1, queueLimit: 4, jobTimeoutMs: 30_000 });
    try {
      const scene = await syntheticScene();
      const commissioned = await referenceFrame(scene);
      const frame = (await footageFrame(scene, 'covered-board', 1)).image;
      const reference = await analysis.signature(commissioned);
      expect(reference).toEqual(await viewSignature(commissioned));
      expect(await analysis.assess(reference, frame)).toEqual(await assessView(reference, frame));
      expect(await analysis.fingerprint(frame)).toBe(await frameFingerprint(frame));
    } finally {
      await analysis.onApplicationShutdown();
    }
    await expect(analysis.fingerprint(Buffer.alloc(1))).rejects.toThrow(/closed/);
  });
});
