import { crc32 } from 'node:zlib';

/** One file of a pack: a relative path and its bytes. */
export interface ZipEntry {
  readonly name: string;
  readonly data: Buffer;
}

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
  }
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const LOCAL_SIZE = 30;
const CENTRAL_SIZE = 46;
const END_SIZE = 22;
/** ZIP 2.0: what every unzip reads (no ZIP64, no data descriptor). */
const VERSION = 20;
/** 1980-01-01 00:00 in MS-DOS form: the same bytes whatever the clock when the pack was built. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const MAX_U32 = 0xffffffff;
/** ASCII paths of folders and files; no `..`, no leading slash, nothing a shell or unzip reads specially. */
const NAME = /^(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/;

const byName = (a: ZipEntry, b: ZipEntry): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function checkEntries(entries: readonly ZipEntry[]): ZipEntry[] {
  const sorted = [...entries].sort(byName);
  sorted.forEach((entry, index) => {
    if (!NAME.test(entry.name)) throw new ZipFormatError(`not a pack path: ${JSON.stringify(entry.name)}`);
    if (index > 0 && sorted[index - 1]?.name === entry.name)
      throw new ZipFormatError(`${entry.name} appears twice`);
    if (entry.data.length > MAX_U32) throw new ZipFormatError(`${entry.name} is over 4 GiB (no ZIP64 here)`);
  });
  return sorted;
}

/**
 * The one ZIP file of these entries: stored (no compression, so no compressor version changes the
 * bytes), names sorted by code unit, fixed timestamps, no extra fields, no comments, no
 * attributes. Any reader that re-serialises what it parsed gets the very same bytes back, which
 * makes "one byte changed anywhere fails verification" literally true (verify-pack.ts).
 */
export function writeCanonicalZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = checkEntries(entries);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    const name = Buffer.from(entry.name, 'ascii');
    const crc = crc32(entry.data);
    const local = Buffer.alloc(LOCAL_SIZE);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra
    const central = Buffer.alloc(CENTRAL_SIZE);
    central.writeUInt32LE(CENTRAL, 0);
    central.writeUInt16LE(VERSION, 4); // made by
    central.writeUInt16LE(VERSION, 6); // needed
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk, internal and external attributes: all zero.
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += LOCAL_SIZE + name.length + entry.data.length;
    if (offset > MAX_U32) throw new ZipFormatError('the pack is over 4 GiB (no ZIP64 here)');
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(END_SIZE);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  if (sorted.length > 0xffff) throw new ZipFormatError('over 65 535 files (no ZIP64 here)');
  return Buffer.concat([...locals, ...centrals, end]);
}

function need(zip: Buffer, at: number, length: number, what: string): void {
  if (at < 0 || at + length > zip.length) throw new ZipFormatError(`${what} runs past the end of the file`);
}

/**
 * The entries of a stored ZIP, read through its central directory (as unzip does). Tolerant
 * only as far as it must be to read: the canonical form is checked by re-serialising
 * (`isCanonicalZip`), not here.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  need(zip, zip.length - END_SIZE, END_SIZE, 'the end record');
  const endAt = zip.length - END_SIZE;
  if (zip.readUInt32LE(endAt) !== END)
    throw new ZipFormatError('no end record where a canonical pack has it');
  const count = zip.readUInt16LE(endAt + 10);
  let at = zip.readUInt32LE(endAt + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index++) {
    need(zip, at, CENTRAL_SIZE, `central record ${index}`);
    if (zip.readUInt32LE(at) !== CENTRAL) throw new ZipFormatError(`central record ${index}: bad signature`);
    if (zip.readUInt16LE(at + 10) !== 0) throw new ZipFormatError(`central record ${index}: compressed`);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localAt = zip.readUInt32LE(at + 42);
    need(zip, at + CENTRAL_SIZE, nameLength, `central record ${index}'s name`);
    const name = zip.toString('latin1', at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength);
    need(zip, localAt, LOCAL_SIZE, `${name}'s local header`);
    if (zip.readUInt32LE(localAt) !== LOCAL) throw new ZipFormatError(`${name}: bad local header signature`);
    const dataAt = localAt + LOCAL_SIZE + zip.readUInt16LE(localAt + 26) + zip.readUInt16LE(localAt + 28);
    need(zip, dataAt, size, `${name}'s data`);
    entries.push({ name, data: zip.subarray(dataAt, dataAt + size) });
    at += CENTRAL_SIZE + nameLength + skip;
  }
  return entries;
}

/** Whether `zip` is byte for byte the canonical ZIP of what it contains; why not, if not. */
export function canonicalZipProblem(zip: Buffer): string | null {
  let entries: ZipEntry[];
  let again: Buffer;
  try {
    entries = readZip(zip);
    again = writeCanonicalZip(entries);
  } catch (error) {
    return error instanceof ZipFormatError ? error.message : String(error);
  }
  if (again.equals(zip)) return null;
  const length = Math.min(again.length, zip.length);
  let first = 0;
  while (first < length && again[first] === zip[first]) first++;
  return `not the canonical ZIP of its own entries: first difference at byte ${first} (headers, CRC, order or stray bytes changed)`;
}
