/** How cells become text in CSV and JSON lines: one rule shared by both formats. */
import type { Cell } from '../table';

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A Date at midnight UTC is a calendar day ("1990-05-14"); any other Date is a full ISO instant. */
export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0) {
    const y = d.getUTCFullYear();
    return `${y >= 0 && y <= 9999 ? pad(y, 4) : d.toISOString().slice(0, -14)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return d.toISOString();
}

/** A non-null cell as text. */
export function cellText(v: Exclude<Cell, null>): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return formatDate(v);
  return String(v);
}

/** A cell as a JSON value: Dates as text, non-finite numbers as null (JSON has none). */
export function cellJson(v: Cell | undefined): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return formatDate(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}
