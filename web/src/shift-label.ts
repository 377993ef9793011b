/**
 * A ticket's shift key (`day@2026-11-23`, `after-hours@2026-11-24`) for people: the shift's name from the
 * config (`outsideShifts` for after hours) and its local date in the page language ("Day · Mon, Nov 23",
 * "白班 · 11月23日周一"). A key it cannot read is shown as it is.
 */
export function shiftLabel(
  key: string,
  shifts: ReadonlyArray<{ id: string; name: string }>,
  lang: 'en' | 'zh',
  outsideShifts: string,
): string {
  const at = key.lastIndexOf('@');
  if (at < 0) return key;
  const id = key.slice(0, at);
  const date = key.slice(at + 1);
  const name = id === 'after-hours' ? outsideShifts : (shifts.find((s) => s.id === id)?.name ?? id);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return name;
  const day = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-US', {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(`${date}T12:00:00Z`));
  return `${name} · ${day}`;
}
