import { matchPath } from 'react-router';
import { getT } from '~/lib/i18n.server';
import type { MessageKey } from '~/lib/locale';

/**
 * Forms that carry files, sent as multipart/form-data. Each refuses more than its own limit with a
 * message on the form (`readLimitedForm`); MAX_UPLOAD_BYTES is the ceiling above that.
 */
export const fileForms = [
  '/tenders/new',
  '/tenders/:tenderId/edit',
  '/events/:eventId',
  '/offerings/:offeringId/edit',
  '/applications/:applicationId',
  '/milestones/:milestoneId',
];

/**
 * Posted to by other machines, not by this site's forms: Stripe's signed JSON, mail providers'
 * one-click unsubscribe (RFC 8058 allows either form encoding), the test clock. Each reads its body
 * itself, or ignores it.
 */
export const machineRoutes = ['/webhooks/stripe', '/unsubscribe/:token', '/__test/clock'];

const mebibyte = 1024 * 1024;

/** A setting in bytes; a bad value stops the server at start rather than refusing every post. */
function byteSetting(name: string, fallback: number) {
  const value = process.env[name];
  if (!value) return fallback;
  if (!/^[1-9]\d*$/.test(value)) throw new Error(`${name} must be a whole number of bytes, not "${value}"`);
  return Number(value);
}

/** MAX_BODY_BYTES: the most any request body may hold, except a form's files. */
export const maxBodyBytes = byteSetting('MAX_BODY_BYTES', mebibyte);
/** MAX_UPLOAD_BYTES: the most a form with files may send in one post. */
export const maxUploadBytes = byteSetting('MAX_UPLOAD_BYTES', 64 * mebibyte);

const mutations = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The route a request is for: a single-fetch data request names it with `.data` (`/_root.data` is `/`). */
function routePath(request: Request) {
  const path = new URL(request.url).pathname.replace(/\.data$/, '').replace(/\/$/, '');
  return path === '/_root' || path === '' ? '/' : path;
}

const matches = (patterns: string[], path: string) => patterns.some((pattern) => matchPath(pattern, path));

function mediaType(request: Request) {
  return (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

const isMultipart = (request: Request) =>
  mediaType(request) === 'multipart/form-data' && /;\s*boundary=/i.test(request.headers.get('content-type') ?? '');

/** The most bytes this request's body may hold: files only come in multipart, multipart only to a form with files. */
export function bodyLimit(request: Request) {
  return isMultipart(request) && matches(fileForms, routePath(request)) ? maxUploadBytes : maxBodyBytes;
}

/**
 * Whether the route's action can read this body: a form takes `application/x-www-form-urlencoded`
 * (which always parses), a form with files also multipart (which `readLimitedForm` parses, answering
 * 400 to a broken one); machines' routes take anything.
 */
function readable(request: Request) {
  const path = routePath(request);
  if (matches(machineRoutes, path)) return true;
  if (mediaType(request) === 'application/x-www-form-urlencoded') return true;
  return isMultipart(request) && matches(fileForms, path);
}

async function refusal(request: Request, status: 400 | 413 | 415, key: MessageKey, values = {}) {
  const t = await getT(request);
  return new Response(t(key, values), {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

const size = (bytes: number) =>
  bytes >= mebibyte ? `${Math.floor(bytes / mebibyte)} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;

/** The 413 for a body over its limit, in the user's language. */
export function bodyTooLarge(request: Request) {
  return refusal(request, 413, 'http.bodyTooLarge', { size: size(bodyLimit(request)) });
}

/** The 400 for a request the server could not read at all (a malformed address), in the user's language. */
export function badRequest(request: Request) {
  return refusal(request, 400, 'http.badRequest');
}

/**
 * A refusal in the user's language for a body the route cannot take, judged from the headers before
 * a byte of it is read: 415 for a type its action cannot read (JSON or text on a form), 413 for a
 * declared length over its limit. Null lets it through; one without a declared length is counted as
 * it streams in (server.mjs).
 */
export async function refuseBody(request: Request): Promise<Response | null> {
  if (!mutations.has(request.method.toUpperCase())) return null;
  if (!readable(request)) return refusal(request, 415, 'http.unsupportedBody');
  if (Number(request.headers.get('content-length') ?? 0) > bodyLimit(request)) return bodyTooLarge(request);
  return null;
}
