/** What a vehicle document may be: a photo or a scan. */
export const DOCUMENT_TYPES = {
  'image/jpeg': { ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
  'image/png': { ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  'application/pdf': { ext: 'pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
} as const;
export type DocumentContentType = keyof typeof DOCUMENT_TYPES;

/**
 * The type the bytes' signature shows, or `undefined`: the declared Content-Type is not trusted,
 * since a renamed file would otherwise be stored and served as an image.
 */
export function sniffDocumentType(bytes: Buffer): DocumentContentType | undefined {
  return (Object.keys(DOCUMENT_TYPES) as DocumentContentType[]).find((type) => {
    const magic = DOCUMENT_TYPES[type].magic;
    return bytes.length > magic.length && magic.every((byte, i) => bytes[i] === byte);
  });
}
