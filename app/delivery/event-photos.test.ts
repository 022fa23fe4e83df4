import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { eventPhotos, events } from '../../db/schema';
import { deletePhoto, fileReport } from './events.server';
import {
  maxPhotoBytes,
  maxPhotosPerEvent,
  readLimitedFormData,
  readPhotoFile,
  readPhotoUploads,
} from './event-photos.server';
import { createEvent, deliveryWorld } from '../../tests/fixtures/delivery';
import { databasePath, db } from '~/lib/db.server';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');

function file(bytes: Buffer, name: string, type = 'image/jpeg') {
  return new File([new Uint8Array(bytes)], name, { type });
}

function stored(key: string) {
  return existsSync(join(dirname(databasePath()), 'uploads', 'event-photos', key));
}

describe('photo uploads', () => {
  it('recognise JPEG, PNG and WebP by their first bytes, whatever the name says', async () => {
    const uploads = await readPhotoUploads([file(png, 'photo.jpg'), file(Buffer.alloc(0), ''), '']);
    expect(uploads.map((u) => u.contentType)).toEqual(['image/png']);
    await expect(readPhotoUploads([file(svg, 'photo.jpg')])).rejects.toThrow('delivery.errors.photoType');
    await expect(readPhotoUploads([file(Buffer.from('GIF89a'), 'a.png', 'image/png')])).rejects.toThrow(
      'delivery.errors.photoType',
    );
  });

  it('refuse a photo over the size limit and a body over the form limit', async () => {
    const big = Buffer.concat([jpeg, Buffer.alloc(maxPhotoBytes)]);
    await expect(readPhotoUploads([file(big, 'big.jpg')])).rejects.toThrow('delivery.errors.photoTooLarge');
    const body = new FormData();
    body.append('photos', file(Buffer.concat([jpeg, Buffer.alloc(2048)]), 'a.jpg'));
    const request = new Request('http://test.example/', { method: 'POST', body });
    await expect(readLimitedFormData(request, 1024)).rejects.toThrow('delivery.errors.uploadTooLarge');
    const small = new FormData();
    small.append('summary', '顺利开展');
    const ok = await readLimitedFormData(new Request('http://test.example/', { method: 'POST', body: small }), 1024);
    expect(ok.get('summary')).toBe('顺利开展');
  });
});

describe('a completion report with photos', () => {
  const start = new Date('2026-11-24T06:00:00Z');
  let world: Awaited<ReturnType<typeof deliveryWorld>>;
  let eventId: number;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start.getTime() + 3 * 3600_000);
    world = await deliveryWorld();
    eventId = createEvent({ organizationId: world.organizationId, contractId: world.contractId }, start);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('stores the photos under data/, outside public/, and records them with the report', async () => {
    const uploads = await readPhotoUploads([file(jpeg, 'a.jpg'), file(png, 'b.png')]);
    await fileReport(world.owner, eventId, { walkIns: 4, summary: '到场职工踊跃提问。' }, uploads);
    const rows = db.select().from(eventPhotos).where(eq(eventPhotos.eventId, eventId)).all();
    expect(rows.map((r) => r.contentType)).toEqual(['image/jpeg', 'image/png']);
    expect(rows.every((r) => stored(r.storageKey) && !r.storageKey.includes('public'))).toBe(true);
    expect(await readPhotoFile(rows[1]!.storageKey)).toEqual(png);
    expect(db.select().from(events).where(eq(events.id, eventId)).get()).toMatchObject({
      state: 'reported',
      walkIns: 4,
    });
  });

  it('writes nothing when the report is refused', async () => {
    const uploads = await readPhotoUploads([file(jpeg, 'a.jpg')]);
    await expect(fileReport(world.commissioner, eventId, { walkIns: 0, summary: '冒充' }, uploads)).rejects.toThrow(
      Response,
    );
    vi.setSystemTime(start);
    await expect(fileReport(world.owner, eventId, { walkIns: 0, summary: '太早' }, uploads)).rejects.toThrow(
      'errors.eventNotOver',
    );
    expect(db.select().from(eventPhotos).where(eq(eventPhotos.eventId, eventId)).all()).toEqual([]);
  });

  it(`keeps at most ${maxPhotosPerEvent} photos per event and removes the files of a refused batch`, async () => {
    const six = await readPhotoUploads(Array.from({ length: 6 }, (_, i) => file(jpeg, `${i}.jpg`)));
    await fileReport(world.owner, eventId, { walkIns: 0, summary: '第一次' }, six);
    db.update(events).set({ state: 'returned' }).where(eq(events.id, eventId)).run();
    await fileReport(world.owner, eventId, { walkIns: 0, summary: '第二次' }, six);
    db.update(events).set({ state: 'returned' }).where(eq(events.id, eventId)).run();
    const before = db.select().from(eventPhotos).where(eq(eventPhotos.eventId, eventId)).all();
    await expect(fileReport(world.owner, eventId, { walkIns: 0, summary: '第三次' }, six.slice(0, 1))).rejects.toThrow(
      'delivery.errors.tooManyPhotos',
    );
    expect(db.select().from(eventPhotos).where(eq(eventPhotos.eventId, eventId)).all()).toHaveLength(12);

    await deletePhoto(world.owner, eventId, before[0]!.id);
    expect(stored(before[0]!.storageKey)).toBe(false);
    expect(db.select().from(eventPhotos).where(eq(eventPhotos.eventId, eventId)).all()).toHaveLength(11);
  });
});
