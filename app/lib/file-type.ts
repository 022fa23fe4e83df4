/**
 * What an uploaded file is, judged by its first bytes: never by its name or the browser's claim.
 * Every upload (offering and report photos, application and tender attachments, payment vouchers)
 * is checked here against the types its place accepts.
 */
export const fileExtensions = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
} as const;
export type FileType = keyof typeof fileExtensions;

export const imageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const satisfies readonly FileType[];

function startsWith(bytes: Uint8Array, signature: number[], offset = 0) {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function detect(bytes: Uint8Array): FileType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** The file's type if it is one of `accepted`, else null. */
export function detectFileType<T extends FileType>(bytes: Uint8Array, accepted: readonly T[]): T | null {
  const type = detect(bytes);
  return type && (accepted as readonly FileType[]).includes(type) ? (type as T) : null;
}
