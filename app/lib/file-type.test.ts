import { describe, expect, it } from 'vitest';
import { detectFileType, imageTypes, type FileType } from './file-type';

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
});
