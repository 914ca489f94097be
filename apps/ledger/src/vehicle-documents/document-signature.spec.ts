import { sniffDocumentType } from './document-signature';

describe('sniffDocumentType', () => {
  it('recognises JPEG, PNG and PDF by their first bytes', () => {
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toBe('image/jpeg');
    expect(sniffDocumentType(Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'))).toBe('image/png');
    expect(sniffDocumentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
  });

  it('refuses anything else, and a bare signature without content', () => {
    expect(sniffDocumentType(Buffer.from('GIF89a....'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from('<html>%PDF-'))).toBeUndefined();
    expect(sniffDocumentType(Buffer.from([0xff, 0xd8, 0xff]))).toBeUndefined();
    expect(sniffDocumentType(Buffer.alloc(0))).toBeUndefined();
  });
});
