import { describe, expect, it } from 'vitest';
import { storeUploads } from './tender-attachments.server';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....')]);

describe('the types a tender accepts', () => {
  const typeOf = async (bytes: Buffer, name: string) =>
    (await storeUploads([new File([new Uint8Array(bytes)], name)]))[0]!.contentType;

  it('decides by the first bytes, not the name', async () => {
    expect(await typeOf(pdf, 'scope.docx')).toBe('application/pdf');
    expect(await typeOf(png, 'photo.pdf')).toBe('image/png');
    await expect(typeOf(Buffer.from('<html><script>alert(1)</script>'), 'scope.pdf')).rejects.toThrow(
      'procurement.errors.attachmentType',
    );
  });

  it('uses the extension only to tell apart formats sharing a container', async () => {
    expect(await typeOf(docx, '需求.docx')).toMatch(/wordprocessingml/);
    expect(await typeOf(docx, '报价.xlsx')).toMatch(/spreadsheetml/);
    await expect(typeOf(docx, 'archive.zip')).rejects.toThrow('procurement.errors.attachmentType');
  });
});

describe('storeUploads', () => {
  it('refuses unknown types and oversized files with a message', async () => {
    await expect(storeUploads([new File(['hello'], 'a.txt')])).rejects.toThrow('procurement.errors.attachmentType');
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'big.pdf');
    await expect(storeUploads([big])).rejects.toThrow('procurement.errors.attachmentTooLarge');
    await expect(storeUploads([new File([pdf], 'a.pdf')], 10)).rejects.toThrow('procurement.errors.tooManyAttachments');
  });

  it('keeps a clean file name and the content hash', async () => {
    const [stored] = await storeUploads([new File([pdf], '../../etc/采购需求.pdf')]);
    expect(stored).toMatchObject({ fileName: '采购需求.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    expect(stored!.sha256).toHaveLength(64);
  });
});
