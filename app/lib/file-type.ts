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
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
} as const;
export type FileType = keyof typeof fileExtensions;

export const imageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const satisfies readonly FileType[];

/** Office documents: told apart by their container's bytes, then by the name's extension. */
export const officeTypes = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/msword',
  'application/vnd.ms-excel',
] as const satisfies readonly FileType[];

export const isImageType = (type: string) => (imageTypes as readonly string[]).includes(type);

function startsWith(bytes: Uint8Array, signature: number[], offset = 0) {
  return bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function contains(bytes: Uint8Array, text: string) {
  const signature = ascii(text);
  for (let offset = 0; offset + signature.length <= bytes.length; offset++) {
    if (startsWith(bytes, signature, offset)) return true;
  }
  return false;
}

/** The name's extension picks among the formats that share a container; it never makes a type. */
function officeType(bytes: Uint8Array, fileName: string): FileType | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  const byExtension = (types: readonly FileType[]) => types.find((t) => fileExtensions[t] === extension) ?? null;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && contains(bytes, '[Content_Types].xml')) {
    return byExtension(officeTypes.slice(0, 3));
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return byExtension(officeTypes.slice(3));
  return null;
}

function detect(bytes: Uint8Array, fileName: string): FileType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return officeType(bytes, fileName);
}

/** The file's type if it is one of `accepted`, else null. `fileName` only tells Office formats apart. */
export function detectFileType<T extends FileType>(bytes: Uint8Array, accepted: readonly T[], fileName = ''): T | null {
  const type = detect(bytes, fileName);
  return type && (accepted as readonly FileType[]).includes(type) ? (type as T) : null;
}
