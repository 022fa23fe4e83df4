import { describe, expect, it } from 'vitest';
import { detectFileType, imageTypes, officeTypes, type FileType } from './file-type';

const all: FileType[] = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'];
const bytes = (...values: number[]) => new Uint8Array(values);
const text = (value: string) => new TextEncoder().encode(value);

describe('detectFileType', () => {
  it('knows PDF, PNG, JPEG and WebP by their first bytes', () => {
    expect(detectFileType(text('%PDF-1.7'), all)).toBe('application/pdf');
    expect(detectFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), all)).toBe('image/png');
    expect(detectFileType(bytes(0xff, 0xd8, 0xff, 0xe0), all)).toBe('image/jpeg');
    expect(detectFileType(text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '), all)).toBe('image/webp');
  });

  it('refuses anything else, whatever it claims to be', () => {
    expect(detectFileType(text('<svg xmlns="http://www.w3.org/2000/svg"/>'), all)).toBeNull();
    expect(detectFileType(text('<html><script>alert(1)</script>'), all)).toBeNull();
    expect(detectFileType(bytes(0x47, 0x49, 0x46, 0x38), all)).toBeNull(); // GIF
    expect(detectFileType(bytes(0x89, 0x50), all)).toBeNull(); // truncated PNG
    expect(detectFileType(text('RIFF'), all)).toBeNull();
  });

  it('accepts only the types the place allows', () => {
    expect(detectFileType(text('%PDF-1.7'), imageTypes)).toBeNull();
    expect(detectFileType(bytes(0xff, 0xd8, 0xff), imageTypes)).toBe('image/jpeg');
  });

  it('tells Office formats sharing a container apart by the name, never making a type from it', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...text('....[Content_Types].xml....')]);
    const ole = bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0);
    expect(detectFileType(zip, officeTypes, '需求.docx')).toMatch(/wordprocessingml/);
    expect(detectFileType(zip, officeTypes, '报价.XLSX')).toMatch(/spreadsheetml/);
    expect(detectFileType(zip, officeTypes, 'archive.zip')).toBeNull();
    expect(detectFileType(ole, officeTypes, 'old.doc')).toBe('application/msword');
    expect(detectFileType(text('%PDF-1.7'), officeTypes, 'a.docx')).toBeNull();
    expect(detectFileType(zip, all, 'a.docx')).toBeNull(); // not on that place's list
  });
});
