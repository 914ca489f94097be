// SM3 cryptographic hash (GB/T 32905-2016), written out here rather than taken from node:crypto:
// OpenSSL builds without SM3 exist (several distributions disable the SM algorithms), and the
// signature must not depend on how the Node binary was built. Inputs are short canonical strings,
// so clarity beats speed.

const IV: Words8 = [
  0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e,
];

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0;
const p0 = (x: number): number => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0;
const p1 = (x: number): number => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0;

type Words8 = [number, number, number, number, number, number, number, number];

/** T_j rotated left by j (mod 32). */
const roundConstant = (j: number): number => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);

/** Message padding: a 1 bit, zeros up to 448 mod 512 bits, then the bit length as a 64-bit big-endian integer. */
function pad(message: Uint8Array): Uint8Array {
  const blocks = Math.ceil((message.length + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bitLength = message.length * 8;
  view.setUint32(padded.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  return padded;
}

/** One 64-byte block: message expansion into W (68 words; W' is derived as W[j] ^ W[j + 4]), 64 rounds. */
function compress(state: Words8, block: DataView, offset: number): Words8 {
  const w = new DataView(new ArrayBuffer(68 * 4));
  const W = (j: number): number => w.getUint32(j * 4);
  for (let j = 0; j < 16; j++) w.setUint32(j * 4, block.getUint32(offset + j * 4));
  for (let j = 16; j < 68; j++) {
    w.setUint32(j * 4, p1(W(j - 16) ^ W(j - 9) ^ rotl(W(j - 3), 15)) ^ rotl(W(j - 13), 7) ^ W(j - 6));
  }
  let [a, b, c, d, e, f, g, h] = state;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + roundConstant(j)) >>> 0, 7);
    const ss2 = (ss1 ^ a12) >>> 0;
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const tt1 = (ff + d + ss2 + ((W(j) ^ W(j + 4)) >>> 0)) >>> 0;
    const tt2 = (gg + h + ss1 + W(j)) >>> 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = p0(tt2);
  }
  const [s0, s1, s2, s3, s4, s5, s6, s7] = state;
  const xor = (x: number, y: number): number => (x ^ y) >>> 0;
  return [xor(a, s0), xor(b, s1), xor(c, s2), xor(d, s3), xor(e, s4), xor(f, s5), xor(g, s6), xor(h, s7)];
}

/** SM3 digest of `message` (a string is hashed as its UTF-8 bytes), as 64 lower-case hex digits. */
export function sm3Hex(message: string | Uint8Array): string {
  const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message;
  const padded = pad(bytes);
  const view = new DataView(padded.buffer);
  let state = IV;
  for (let offset = 0; offset < padded.length; offset += 64) state = compress(state, view, offset);
  return state.map((word) => word.toString(16).padStart(8, '0')).join('');
}
