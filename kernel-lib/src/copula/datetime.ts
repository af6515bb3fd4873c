/**
 * Datetime formats (strftime-style names, as SDV writes them) for the columns the metadata
 * detector recognises. Everything is UTC; values travel through the copula as epoch ms.
 */

interface FormatSpec {
  format: string;
  pattern: RegExp;
  /** Fields captured by `pattern`, in order. */
  fields: readonly ('Y' | 'm' | 'd' | 'H' | 'M' | 'S' | 'f')[];
  /** The smallest step the format can express, in ms (sampled values are rounded to it). */
  resolution: number;
}

const DAY = 86_400_000;
const SPECS: readonly FormatSpec[] = [
  { format: '%Y-%m-%d', pattern: /^(\d{4})-(\d{2})-(\d{2})$/, fields: ['Y', 'm', 'd'], resolution: DAY },
  { format: '%Y-%m-%d %H:%M:%S', pattern: /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/, fields: ['Y', 'm', 'd', 'H', 'M', 'S'], resolution: 1000 },
  { format: '%Y-%m-%d %H:%M', pattern: /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/, fields: ['Y', 'm', 'd', 'H', 'M'], resolution: 60_000 },
  { format: '%Y-%m-%dT%H:%M:%S', pattern: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/, fields: ['Y', 'm', 'd', 'H', 'M', 'S'], resolution: 1000 },
  { format: '%Y-%m-%dT%H:%M:%SZ', pattern: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/, fields: ['Y', 'm', 'd', 'H', 'M', 'S'], resolution: 1000 },
  { format: '%Y-%m-%dT%H:%M:%S.%fZ', pattern: /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/, fields: ['Y', 'm', 'd', 'H', 'M', 'S', 'f'], resolution: 1 },
  { format: '%Y/%m/%d', pattern: /^(\d{4})\/(\d{2})\/(\d{2})$/, fields: ['Y', 'm', 'd'], resolution: DAY },
  { format: '%m/%d/%Y', pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, fields: ['m', 'd', 'Y'], resolution: DAY },
  { format: '%d.%m.%Y', pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, fields: ['d', 'm', 'Y'], resolution: DAY },
];

/** Values given as JS `Date` objects are reported with this format and sampled as `Date`s. */
export const DATE_OBJECT_FORMAT = 'Date';

export const DATETIME_FORMATS: readonly string[] = SPECS.map((s) => s.format);

function spec(format: string): FormatSpec {
  const s = SPECS.find((x) => x.format === format);
  if (!s) throw new Error(`unknown datetime format "${format}"; supported: ${[...DATETIME_FORMATS, DATE_OBJECT_FORMAT].join(', ')}`);
  return s;
}

/** Epoch ms of `text` in `format`, or NaN when it does not parse (or is not a real date). */
export function parseDatetime(text: string, format: string): number {
  const s = spec(format);
  const m = s.pattern.exec(text.trim());
  if (!m) return NaN;
  const v: Record<string, number> = { Y: 1970, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0 };
  s.fields.forEach((f, i) => { v[f] = Number(m[i + 1]); });
  const ms = Date.UTC(v.Y, v.m - 1, v.d, v.H, v.M, v.S, v.f);
  const d = new Date(ms);
  // Reject roll-overs such as 2023-02-30 or month 13.
  if (d.getUTCMonth() !== v.m - 1 || d.getUTCDate() !== v.d || v.H > 23 || v.M > 59 || v.S > 59) return NaN;
  return ms;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Formats epoch ms in `format`. */
export function formatDatetime(ms: number, format: string): string {
  const d = new Date(ms);
  const Y = pad(d.getUTCFullYear(), 4), m = pad(d.getUTCMonth() + 1), dd = pad(d.getUTCDate());
  const H = pad(d.getUTCHours()), M = pad(d.getUTCMinutes()), S = pad(d.getUTCSeconds()), f = pad(d.getUTCMilliseconds(), 3);
  return format.replace('%Y', Y).replace('%m', m).replace('%d', dd).replace('%H', H).replace('%M', M).replace('%S', S).replace('%f', f);
}

/** The resolution of a format in ms (1 for Date objects). */
export function datetimeResolution(format: string): number {
  return format === DATE_OBJECT_FORMAT ? 1 : spec(format).resolution;
}

/** The first format that parses every one of `texts` (checked on up to 1000 of them), or null. */
export function detectDatetimeFormat(texts: readonly string[]): string | null {
  const probe = texts.length > 1000 ? texts.filter((_, i) => i % Math.ceil(texts.length / 1000) === 0) : texts;
  if (probe.length === 0) return null;
  for (const s of SPECS) if (probe.every((t) => !Number.isNaN(parseDatetime(t, s.format)))) return s.format;
  return null;
}
