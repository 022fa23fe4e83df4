import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { offeringMachine, type OfferingState } from './machine';
import { changeOfferingState, createOffering, requireVisibleOffering, updateOffering } from './offerings.server';
import {
  addOfferingPhoto,
  photoDirectory,
  photoRules,
  readOfferingPhoto,
  readPhotoForm,
  removeOfferingPhoto,
} from './offering-photos.server';
import { offeringSchema } from './schemas';
import { viewerFor } from '../../tests/fixtures/accounts';
import { organizationIdByName } from '../../tests/fixtures/catalog';
import { refusal } from '../../tests/support/refused';
import { offeringPhotos, offerings } from '../../db/schema';
import { seedDemo } from '../../db/seed';
import type { Viewer } from '~/accounts/auth.server';
import { databasePath, db } from '~/lib/db.server';
import { UserError } from '~/lib/errors';
import { TransitionError } from '~/lib/machine';
import type { OfferingTransition } from './permissions';

/** The demo accounts these tests act as, signed in once the county is seeded. */
const people = new Map<string, Viewer>();
const person = (email: string) => people.get(email)!;
const owner = () => person('arts@demo.gonghui.cn');
let arts: number;

beforeAll(async () => {
  await seedDemo();
  for (const email of ['arts', 'commissioner', 'psych'].map((a) => `${a}@demo.gonghui.cn`))
    people.set(email, await viewerFor(email));
  arts = organizationIdByName('象山县职工艺术团');
});

const input = offeringSchema.parse({
  title: '车间午间合唱快闪',
  category: 'performance',
  description: '十人合唱小分队，二十分钟。',
  format: 'on_site',
  durationMinutes: 20,
  capacity: 200,
  price: '1,200.50',
  areas: '丹东街道、石浦镇，丹东街道',
});

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const webp = new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ');

describe('offerings', () => {
  it('parse the form: yuan to fen, areas split and deduplicated', () => {
    expect(input.price).toBe(120_050);
    expect(input.areas).toEqual(['丹东街道', '石浦镇']);
    const bad = offeringSchema.safeParse({ ...input, price: '0', areas: '、', capacity: 0 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.message).sort()).toEqual(
      ['errors.numberAtLeast|{"min":1}', 'errors.positiveMoney', 'errors.required'].sort(),
    );
  });

  it('are created as drafts by members, hidden from the public until published', () => {
    const id = createOffering(owner(), arts, input);
    expect(db.select().from(offerings).where(eq(offerings.id, id)).get()).toMatchObject({
      state: 'draft',
      priceFen: 120_050,
      organizationId: arts,
    });
    expect(refusal(() => requireVisibleOffering(null, id))).toBe(404);
    expect(refusal(() => requireVisibleOffering(person('psych@demo.gonghui.cn'), id))).toBe(404);
    expect(requireVisibleOffering(owner(), id).member).toBe(true);
    changeOfferingState(owner(), id, 'publish');
    expect(requireVisibleOffering(null, id).offering.publishedAt).toBeInstanceOf(Date);
  });

  it('are managed only by their own organization', () => {
    const id = createOffering(owner(), arts, input);
    const outsider = person('psych@demo.gonghui.cn');
    expect(refusal(() => createOffering(outsider, arts, input))).toBe(403);
    expect(refusal(() => updateOffering(outsider, id, input))).toBe(403);
    expect(refusal(() => changeOfferingState(outsider, id, 'publish'))).toBe(403);
    expect(refusal(() => changeOfferingState(person('commissioner@demo.gonghui.cn'), id, 'publish'))).toBe(403);
  });

  it('cannot be edited while archived', () => {
    const id = createOffering(owner(), arts, input);
    changeOfferingState(owner(), id, 'archive');
    expect(() => updateOffering(owner(), id, { ...input, title: '改名' })).toThrow(UserError);
    changeOfferingState(owner(), id, 'restore');
    updateOffering(owner(), id, { ...input, title: '改名' });
    expect(db.select().from(offerings).where(eq(offerings.id, id)).get()!.title).toBe('改名');
  });

  describe('follow their transition table', () => {
    for (const [name, t] of Object.entries(offeringMachine.transitions)) {
      for (const from of offeringMachine.states) {
        const allowed = (t.from as readonly OfferingState[]).includes(from);
        it(`${name} from ${from} is ${allowed ? 'allowed' : 'refused'}`, () => {
          const id = createOffering(owner(), arts, input);
          db.update(offerings).set({ state: from }).where(eq(offerings.id, id)).run();
          const act = () => changeOfferingState(owner(), id, name as OfferingTransition);
          if (allowed) act();
          else expect(act).toThrow(TransitionError);
          expect(db.select().from(offerings).where(eq(offerings.id, id)).get()!.state).toBe(allowed ? t.to : from);
        });
      }
    }
  });
});

describe('offering photos', () => {
  it('are stored beside the database, outside public/, and served only to who may see the offering', async () => {
    const id = createOffering(owner(), arts, input);
    const photoId = await addOfferingPhoto(owner(), id, new File([png], 'stage.png', { type: 'image/png' }));
    const row = db.select().from(offeringPhotos).where(eq(offeringPhotos.id, photoId)).get()!;
    expect(row.contentType).toBe('image/png');
    expect(photoDirectory().startsWith(resolve(databasePath(), '..'))).toBe(true);
    expect(photoDirectory()).not.toContain(`${'public'}`);
    expect(existsSync(join(photoDirectory(), row.storedName))).toBe(true);

    expect(refusal(() => readOfferingPhoto(null, id, photoId))).toBe(404); // a draft's photo
    expect(readOfferingPhoto(owner(), id, photoId)).toMatchObject({ contentType: 'image/png', isPublic: false });
    changeOfferingState(owner(), id, 'publish');
    const served = readOfferingPhoto(null, id, photoId);
    expect(new Uint8Array(served.bytes)).toEqual(png);
    expect(served.isPublic).toBe(true);
    // A photo id under another offering's URL is not found.
    const other = createOffering(owner(), arts, input);
    expect(refusal(() => readOfferingPhoto(owner(), other, photoId))).toBe(404);

    removeOfferingPhoto(owner(), id, photoId);
    expect(existsSync(join(photoDirectory(), row.storedName))).toBe(false);
    expect(db.select().from(offeringPhotos).where(eq(offeringPhotos.id, photoId)).get()).toBeUndefined();
  });

  it('refuse non-images, empty and oversized files, and more than the limit; nothing half-written', async () => {
    const id = createOffering(owner(), arts, input);
    const filesBefore = existsSync(photoDirectory()) ? readdirSync(photoDirectory()).length : 0;
    const fake = new File(['<script>alert(1)</script>'], 'photo.png', { type: 'image/png' });
    expect(await refusal(() => addOfferingPhoto(owner(), id, fake))).toBe('catalog.errors.photoNotImage');
    expect(await refusal(() => addOfferingPhoto(owner(), id, new File([], 'x.png')))).toBe(
      'catalog.errors.photoMissing',
    );
    expect(await refusal(() => addOfferingPhoto(owner(), id, null))).toBe('catalog.errors.photoMissing');
    const huge = new Uint8Array(photoRules.maxBytes + 1);
    huge.set(jpeg);
    expect(await refusal(() => addOfferingPhoto(owner(), id, new File([huge], 'big.jpg')))).toBe(
      'catalog.errors.photoTooLarge',
    );
    for (let i = 0; i < photoRules.perOffering; i++) await addOfferingPhoto(owner(), id, new File([jpeg], 'a.jpg'));
    expect(await refusal(() => addOfferingPhoto(owner(), id, new File([webp], 'b.webp')))).toBe(
      'catalog.errors.photoLimit',
    );
    expect(readdirSync(photoDirectory()).length).toBe(filesBefore + photoRules.perOffering);
    expect(db.select().from(offeringPhotos).where(eq(offeringPhotos.offeringId, id)).all()).toHaveLength(
      photoRules.perOffering,
    );
    const outsider = person('psych@demo.gonghui.cn');
    expect(await addOfferingPhoto(outsider, id, new File([jpeg], 'a.jpg')).catch((e: Response) => e.status)).toBe(403);
  });

  it('refuse a request body over the limit while reading the form', async () => {
    // Declared too large: refused before reading.
    const declared = new Request('http://localhost/x', {
      method: 'POST',
      body: 'x',
      headers: { 'content-length': String(photoRules.maxBytes * 3) },
    });
    expect(await refusal(() => readPhotoForm(declared))).toBe('catalog.errors.photoTooLarge');
    // Streamed without a length: stopped once the bytes pass the limit (twice a photo's: one somewhat
    // too large is read, to be refused in the form's summary).
    const form = new FormData();
    form.set('photo', new File([new Uint8Array(photoRules.maxBytes * 2 + 100_000)], 'big.jpg'));
    const encoded = new Request('http://localhost/x', { method: 'POST', body: form });
    const undeclared = new Request('http://localhost/x', {
      method: 'POST',
      body: new Blob([await encoded.arrayBuffer()]).stream(),
      headers: { 'content-type': encoded.headers.get('content-type')! },
      duplex: 'half',
    } as RequestInit);
    expect(undeclared.headers.get('content-length')).toBeNull();
    expect(await refusal(() => readPhotoForm(undeclared))).toBe('catalog.errors.photoTooLarge');
    const small = new FormData();
    small.set('intent', 'save');
    expect(
      (await readPhotoForm(new Request('http://localhost/x', { method: 'POST', body: small }))).get('intent'),
    ).toBe('save');
  });
});
