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
