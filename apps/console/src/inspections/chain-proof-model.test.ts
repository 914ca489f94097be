import { chainProofState, latestHash, shortHash } from './chain-proof-model';
import { signedProof } from './fixtures';

describe('chainProofState', () => {
  it('reads a proof whose links reach a verified signed root as signed', () => {
    expect(chainProofState(signedProof())).toBe('signed');
  });

  it('reads linked links without a root as not yet signed, and a root without a key to check as unchecked', () => {
    expect(chainProofState({ ...signedProof(), root: null })).toBe('unsigned');
    const root = { ...signedProof().root!, verified: null };
    expect(chainProofState({ ...signedProof(), root })).toBe('unchecked');
  });

  it('reads any failure as broken: links that do not link up, a problem, a root that does not verify', () => {
    expect(chainProofState({ ...signedProof(), linked: false })).toBe('broken');
    expect(chainProofState({ ...signedProof(), problems: ['chain link 57: …'] })).toBe('broken');
    expect(chainProofState({ ...signedProof(), root: { ...signedProof().root!, verified: false } })).toBe(
      'broken',
    );
    expect(chainProofState({ ...signedProof(), root: null, linked: false })).toBe('broken');
  });

  it('reads a passage without links as recorded before the chain began', () => {
    expect(chainProofState({ entries: [], linksChecked: 0, linked: false, root: null, problems: [] })).toBe(
      'unchained',
    );
  });
});

describe('shortHash / latestHash', () => {
  it('cuts a hash to its first 8 and last 4 characters, from the latest link', () => {
    expect(latestHash(signedProof())).toBe(`9f8e7d6c${'0'.repeat(52)}beef`);
    expect(shortHash(`9f8e7d6c${'0'.repeat(52)}beef`)).toBe('9f8e7d6c…beef');
    expect(shortHash('abc')).toBe('abc');
    expect(latestHash({ entries: [], linksChecked: 0, linked: false, root: null, problems: [] })).toBeNull();
  });
});
