/** The zone people type times in; all stored times are UTC. */
const shanghaiOffset = '+08:00';

/** "2026-11-24T14:00" as typed into a datetime-local input in Asia/Shanghai → Date, or null. */
export function parseShanghaiDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00${shanghaiOffset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The datetime-local value for a Date, in Asia/Shanghai. */
export function toShanghaiInput(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}
