import { existsSync, readdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseWithZod } from '@conform-to/zod/v4';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databasePath } from './db.server';
import { requiredText } from './validation';
import {
  checkUpload,
  discardUpload,
  readLimitedForm,
  readUpload,
  uploadDirectory,
  uploadedFile,
  uploadedFiles,
  uploadPath,
  uploadResponse,
  writeUpload,
  type UploadPlace,
} from './uploads.server';

const place: UploadPlace = {
  directory: 'uploads/test-place',
  maxBytes: 1024,
  types: ['application/pdf', 'image/png'],
  tooLarge: 'http.bodyTooLarge',
  wrongType: 'http.unsupportedBody',
};

const pdf = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj'));
const png = new Uint8Array(Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));

describe('checkUpload', () => {
  it('refuses a file over the limit with the place’s message key, before reading it', async () => {
    const big = new File([pdf, new Uint8Array(1024)], 'big.pdf');
    await expect(checkUpload(place, big)).rejects.toMatchObject({ messageKey: 'http.bodyTooLarge', status: 413 });
  });

  it('decides the type by the first bytes, never the name or the claimed type', async () => {
    const html = new File(['<html><script>alert(1)</script>'], 'scope.pdf', { type: 'application/pdf' });
    await expect(checkUpload(place, html)).rejects.toMatchObject({ messageKey: 'http.unsupportedBody', status: 415 });
    const webp = new File([Buffer.from('RIFF\0\0\0\0WEBPVP8 ')], 'a.png', { type: 'image/png' });
    await expect(checkUpload(place, webp)).rejects.toMatchObject({ messageKey: 'http.unsupportedBody' }); // not on this place's list
    const checked = await checkUpload(place, new File([png], '../../etc/合影.pdf', { type: 'application/pdf' }));
    expect(checked).toMatchObject({ contentType: 'image/png', fileName: '合影.pdf' });
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('a form’s file fields', () => {
  const one = z.object({ note: requiredText(10), file: uploadedFile(place, 'errors.required') });
  const many = z.object({ note: requiredText(10), files: uploadedFiles(place, 2, 'http.bodyTooLarge') });
  /** The problems of a form of `entries` by field, or the files taken when it has none. */
  async function parse(schema: typeof one | typeof many, entries: [string, string | File][]) {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    const submission = await parseWithZod(data, { schema, async: true });
    return submission.status === 'success' ? { value: submission.value } : { error: submission.error };
  }
  const html = () => new File(['<html>'], 'a.pdf', { type: 'application/pdf' });

  it('make a file over the limit or of the wrong type its field’s problem, listed with the others', async () => {
    const big = new File([pdf, new Uint8Array(1024)], 'big.pdf');
    expect(
      await parse(one, [
        ['note', '长'.repeat(11)],
        ['file', big],
      ]),
    ).toEqual({
      error: { note: ['errors.tooLong|{"max":10}'], file: ['http.bodyTooLarge|{"mb":0.0009765625}'] },
    });
    expect(
      await parse(one, [
        ['note', '好'],
        ['file', html()],
      ]),
    ).toEqual({ error: { file: ['http.unsupportedBody'] } });
    expect(
      await parse(one, [
        ['note', '好'],
        ['file', new File([], '')],
      ]),
    ).toEqual({
      error: { file: ['errors.required'] },
    });
    expect(
      await parse(one, [
        ['note', '好'],
        ['file', new File([png], 'a.png')],
      ]),
    ).toHaveProperty('value');
  });

  it('take several files, each checked, each problem once, or none from an empty input', async () => {
    expect(
      await parse(many, [
        ['note', '好'],
        ['files', html()],
        ['files', html()],
      ]),
    ).toEqual({
      error: { files: ['http.unsupportedBody'] },
    });
    const three = [1, 2, 3].map(() => ['files', new File([png], 'a.png')] as [string, File]);
    expect(await parse(many, [['note', '好'], ...three])).toEqual({ error: { files: ['http.bodyTooLarge'] } });
    expect(
      await parse(many, [
        ['note', '好'],
        ['files', new File([], '')],
      ]),
    ).toEqual({
      value: { note: '好', files: [] },
    });
  });
});

describe('stored files', () => {
  it('get random names in a directory beside the database, outside public/', async () => {
    const upload = await checkUpload(place, new File([pdf], 'a.pdf'));
    const keys = [writeUpload(place, upload), writeUpload(place, upload)];
    expect(keys[0]).toMatch(/^[0-9a-f]{32}\.pdf$/);
    expect(keys[0]).not.toBe(keys[1]);
    const directory = uploadDirectory(place);
    expect(relative(dirname(databasePath()), directory)).toBe('uploads/test-place');
    expect(relative(resolve('public'), directory).startsWith('..')).toBe(true);
    expect(readdirSync(directory).filter((name) => name.endsWith('.partial'))).toEqual([]);
    expect(readUpload(place, keys[0]!)).toEqual(Buffer.from(pdf));

    discardUpload(place, keys[0]!);
    expect(existsSync(uploadPath(place, keys[0]!))).toBe(false);
    expect(readUpload(place, keys[0]!)).toBeNull();
  });

  it('are only ever looked up by a key of ours, never by a path', () => {
    expect(() => readUpload(place, '../../app.db')).toThrow();
    expect(() => discardUpload(place, '/etc/passwd')).toThrow();
    // Keys written before the shared helper (event-id folders, names without extension) still resolve.
    expect(uploadPath(place, `12/${'a'.repeat(32)}.jpg`)).toContain('test-place/12/');
    expect(uploadPath(place, 'b'.repeat(36))).toContain('test-place/');
  });
});

describe('readLimitedForm', () => {
  it('refuses a body over the limit, declared or not, and reads a small one', async () => {
    const body = new FormData();
    body.append('file', new File([new Uint8Array(4096)], 'a.pdf'));
    const request = new Request('http://test.example/', { method: 'POST', body });
    await expect(readLimitedForm(request, 1024, 'http.bodyTooLarge')).rejects.toMatchObject({
      messageKey: 'http.bodyTooLarge',
      status: 413,
    });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new Uint8Array(4096));
        controller.close();
      },
    });
    const undeclared = new Request('http://test.example/', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      duplex: 'half',
    } as RequestInit);
    await expect(readLimitedForm(undeclared, 1024, 'http.bodyTooLarge')).rejects.toMatchObject({ status: 413 });
    const small = new FormData();
    small.append('summary', '顺利开展');
    const form = await readLimitedForm(
      new Request('http://x/', { method: 'POST', body: small }),
      1024,
      'http.bodyTooLarge',
    );
    expect(form.get('summary')).toBe('顺利开展');
  });

  it('answers 400 to multipart that does not parse: cut short, or under another boundary', async () => {
    const part = '--b\r\nContent-Disposition: form-data; name="summary"\r\n\r\n顺利开展\r\n';
    for (const [boundary, body] of [
      ['b', part],
      ['elsewhere', `${part}--b--\r\n`],
    ]) {
      const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
      const request = new Request('http://x/', { method: 'POST', body, headers });
      await expect(readLimitedForm(request, 1024, 'http.bodyTooLarge')).rejects.toMatchObject({
        messageKey: 'http.unreadableForm',
        status: 400,
      });
    }
  });
});

describe('uploadResponse', () => {
  it('serves the stored type, never sniffed, never in a shared cache', () => {
    const response = uploadResponse({ bytes: pdf, contentType: 'application/pdf', fileName: '采购需求 (终稿).pdf' });
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(pdf.length),
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('downloads documents and shows images inline, with an RFC 5987 file name', () => {
    const document = uploadResponse({ bytes: pdf, contentType: 'application/pdf', fileName: '采购需求 (终稿).pdf' });
    expect(document.headers.get('content-disposition')).toBe(
      `attachment; filename="____ (__).pdf"; filename*=UTF-8''%E9%87%87%E8%B4%AD%E9%9C%80%E6%B1%82%20%28%E7%BB%88%E7%A8%BF%29.pdf`,
    );
    const image = uploadResponse(
      { bytes: png, contentType: 'image/png', fileName: 'photo-3.png' },
      { maxAgeSeconds: 60 },
    );
    expect(image.headers.get('content-disposition')).toBe(
      `inline; filename="photo-3.png"; filename*=UTF-8''photo-3.png`,
    );
    expect(image.headers.get('cache-control')).toBe('private, max-age=60');
  });
});
