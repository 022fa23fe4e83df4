/** Only same-site paths: `//evil.example` and absolute URLs fall back. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/me') {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback;
  return to;
}

export function parseId(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response('Not Found', { status: 404 });
  return id;
}

/** A route's `headers`: a refused (429) action's Retry-After reaches the page response. */
export function passRetryAfter({ actionHeaders }: { actionHeaders: Headers }): HeadersInit {
  const value = actionHeaders.get('Retry-After');
  return value ? { 'Retry-After': value } : {};
}
