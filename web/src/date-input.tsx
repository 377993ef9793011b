import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, t } from './i18n.ts';

/**
 * Date and date-time inputs in the page's language: Chromium draws `<input type="date">` in the
 * browser's locale whatever the page's `lang` says (mm/dd/yyyy on an English browser), so the console
 * shows its own text field (zh: 2026/11/23 and 24-hour time; en: 11/23/2026) and keeps the browser's
 * calendar behind a button. Values stay ISO (`2026-11-23`, `2026-11-23T21:30`); the field also takes
 * ISO typed or pasted in.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-11-23` as the page language writes it. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang() === 'zh' ? `${m[1]}/${m[2]}/${m[3]}` : `${m[2]}/${m[3]}/${m[1]}`;
}

const real = (y: number, mo: number, d: number) => {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** A typed date (the page language's order, or ISO) as `YYYY-MM-DD`; null when it is not a real date. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let y: number;
  let mo: number;
  let d: number;
  const ymd = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (ymd) [y, mo, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (mdy) [y, mo, d] = [Number(mdy[3]), Number(mdy[1]), Number(mdy[2])];
  else return null;
  return real(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : null;
}

/** `2026-11-23T21:30` as the page language writes it (24-hour time in both). */
export function formatDateTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${formatDate(m[1]!)} ${m[2]}` : iso;
}

/** A typed date and time (`2026/11/23 21:30`, `11/23/2026 9:30 PM`, ISO) as `YYYY-MM-DDTHH:MM`, or null. */
export function parseDateTime(text: string): string | null {
  const s = text.trim().replace('T', ' ');
  const m = /^(\S+)\s+(\d{1,2}):(\d{2})\s*(am|pm|AM|PM)?$/.exec(s);
  if (!m) return null;
  const date = parseDate(m[1]!);
  let h = Number(m[2]);
  const min = Number(m[3]);
  if (m[4]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[4].toLowerCase() === 'pm' ? 12 : 0);
  }
  if (!date || h > 23 || min > 59) return null;
  return `${date}T${pad(h)}:${pad(min)}`;
}

interface Props {
  value: string;
  onChange(value: string): void;
  name?: string;
  required?: boolean;
  disabled?: boolean;
}

function LocalizedInput({
  value,
  onChange,
  name,
  required,
  disabled,
  kind,
}: Props & { kind: 'date' | 'time' }) {
  const format = kind === 'date' ? formatDate : formatDateTime;
  const parse = kind === 'date' ? parseDate : parseDateTime;
  const [text, setText] = useState(value ? format(value) : '');
  const [bad, setBad] = useState(false);
  const native = useRef<HTMLInputElement>(null);
  const language = lang();
  useEffect(() => {
    // Follow the value set from outside (the calendar, a reset) unless the text already says it.
    if ((parse(text) ?? '') !== value) setText(value ? format(value) : '');
  }, [value, language]);
  const pattern = kind === 'date' ? t('datePattern') : `${t('datePattern')} ${t('timePattern')}`;
  return (
    <span class="date-input">
      <input
        type="text"
        name={name}
        value={text}
        required={required}
        disabled={disabled}
        placeholder={pattern}
        title={pattern}
        aria-invalid={bad ? 'true' : undefined}
        autoComplete="off"
        onInput={(e) => {
          const v = (e.target as HTMLInputElement).value;
          setText(v);
          const iso = parse(v);
          setBad(v.trim() !== '' && iso === null);
          if (iso !== null) onChange(iso);
          else if (v.trim() === '' && !required) onChange('');
        }}
        onBlur={() => {
          setBad(false);
          setText(value ? format(value) : '');
        }}
      />
      <button
        type="button"
        class="date-pick"
        aria-label={t('pickDate')}
        title={t('pickDate')}
        disabled={disabled}
        onClick={() => native.current?.showPicker?.()}
      >
        <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" fill="currentColor">
          <path d="M4 0h1v2h6V0h1v2h2.5A1.5 1.5 0 0 1 16 3.5v11a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 1.5 0 0 1 0 14.5v-11A1.5 1.5 0 0 1 1.5 2H4V0Zm-2.5 3a.5.5 0 0 0-.5.5V5h14V3.5a.5.5 0 0 0-.5-.5h-13ZM15 6H1v8.5a.5.5 0 0 0 .5.5h13a.5.5 0 0 0 .5-.5V6Zm-12 2h2v2H3V8Zm4 0h2v2H7V8Zm4 0h2v2h-2V8Zm-8 3h2v2H3v-2Zm4 0h2v2H7v-2Z" />
        </svg>
      </button>
      <input
        ref={native}
        class="date-native"
        type={kind === 'date' ? 'date' : 'datetime-local'}
        tabIndex={-1}
        aria-hidden="true"
        value={value}
        onChange={(e) => onChange((e.target as HTMLInputElement).value)}
      />
    </span>
  );
}

/** A date (`YYYY-MM-DD`) shown in the page language's order. */
export const DateInput = (p: Props) => <LocalizedInput {...p} kind="date" />;

/** A wall-clock date and time (`YYYY-MM-DDTHH:MM`) shown in the page language's order, 24-hour. */
export const DateTimeInput = (p: Props) => <LocalizedInput {...p} kind="time" />;
