import type { TFunction } from 'i18next';
import type { Basis, Pending } from './figures.server';

// The sentences every figure carries, on pages, in the annual report, the CSV and open data alike.

/** Which attendance standard the figures rest on. */
export function basisText(t: TFunction, basis: Basis) {
  const { count, names } = basis.codeOnly;
  const more = count > names.length ? t('delivery.figures.namesMore') : '';
  return t(`delivery.figures.basis.${basis.standard}`, {
    count,
    names: names.join(t('delivery.figures.namesSeparator')) + more,
  });
}

/** The short form, for a table cell. */
export function basisShortText(t: TFunction, basis: Basis) {
  return t(`delivery.figures.basisShort.${basis.standard}`, { count: basis.codeOnly.count });
}

/** What awaits a union reviewer and is not counted, with its counts; null when nothing does. */
export function pendingText(t: TFunction, pending: Pending) {
  const parts = [
    pending.sessions ? t('delivery.figures.pendingSessions', { count: pending.sessions }) : null,
    pending.walkIns ? t('delivery.figures.pendingWalkIns', { count: pending.walkIns }) : null,
    pending.checkins ? t('delivery.figures.pendingCheckins', { count: pending.checkins }) : null,
  ].filter(Boolean);
  return parts.length ? t('delivery.figures.pending', { parts: parts.join(t('punctuation.separator')) }) : null;
}
