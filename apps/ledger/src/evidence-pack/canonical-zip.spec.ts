import { canonicalZipProblem, readZip, writeCanonicalZip, ZipFormatError } from './canonical-zip';

const entry = (name: string, text: string) => ({ name, data: Buffer.from(text, 'utf8') });

describe('canonical zip', () => {
  const entries = [
    entry('b/2.json', '{"b":2}'),
    entry('a.txt', '核查'),
    entry('b/1.bin', ''),
    entry('c', 'x'.repeat(1000)),
  ];

  it('reads back the very entries, sorted by name, and is canonical', () => {
    const zip = writeCanonicalZip(entries);
    expect(readZip(zip).map((e) => [e.name, e.data.toString('utf8')])).toEqual([
      ['a.txt', '核查'],
      ['b/1.bin', ''],
      ['b/2.json', '{"b":2}'],
      ['c', 'x'.repeat(1000)],
    ]);
    expect(canonicalZipProblem(zip)).toBeNull();
    // Whatever order the entries came in, the same bytes.
    expect(writeCanonicalZip([...entries].reverse()).equals(zip)).toBe(true);
    // Stored: the sizes add up to the file (30 + name + data per local header, 46 + name central, 22 end).
    const names = entries.reduce((sum, e) => sum + e.name.length, 0);
    const data = entries.reduce((sum, e) => sum + e.data.length, 0);
    expect(zip.length).toBe(entries.length * (30 + 46) + 2 * names + data + 22);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
  });

  it('refuses names a pack never has, and duplicates', () => {
    for (const name of ['../x', '/abs', 'a//b', 'a/./b', 'plate-冀B.jpg', 'a\\b', ''])
      expect(() => writeCanonicalZip([entry(name, 'x')])).toThrow(ZipFormatError);
    expect(() => writeCanonicalZip([entry('a', '1'), entry('a', '2')])).toThrow('a appears twice');
  });

  it('names what is not canonical: a stray byte at the end, an entry out of order', () => {
    const zip = writeCanonicalZip(entries);
    expect(canonicalZipProblem(Buffer.concat([zip, Buffer.from([0])]))).toMatch(/end record/);
    expect(canonicalZipProblem(zip.subarray(0, 10))).toMatch(/past the end|end record/);
    const flipped = Buffer.from(zip);
    flipped.writeUInt8(flipped.readUInt8(31) ^ 0x01, 31); // a byte of the first name in its local header
    expect(canonicalZipProblem(flipped)).toMatch(/first difference at byte 31/);
  });
});
