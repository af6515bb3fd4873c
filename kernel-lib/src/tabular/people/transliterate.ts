/**
 * Transliteration of personal names to lowercase ASCII for e-mail addresses. The tables are data
 * (one per script); letters without an entry lose their diacritics through Unicode NFD, and
 * anything still outside [a-z0-9] is dropped. Scripts with no table (`none`: CJK, Hebrew, Thai,
 * Devanagari) give an empty string, and callers fall back to a neutral local part.
 */
import type { ScriptName } from './locale-data';

const LATIN_SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ə: 'e', ŋ: 'ng', ħ: 'h',
};

const RU: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Ukrainian national system (2010): г→h, ґ→g, и→y, і→i, є→ye, ї→yi. */
const UK: Record<string, string> = { ...RU, г: 'h', ґ: 'g', и: 'y', і: 'i', є: 'ye', ї: 'yi', щ: 'shch' };

const MK: Record<string, string> = {
  ...RU, ѓ: 'gj', ѕ: 'dz', ј: 'j', љ: 'lj', њ: 'nj', ќ: 'kj', џ: 'dzh', х: 'h', ц: 'c',
};

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

const ARMENIAN: Record<string, string> = {
  ա: 'a', բ: 'b', գ: 'g', դ: 'd', ե: 'e', զ: 'z', է: 'e', ը: 'y', թ: 't', ժ: 'zh', ի: 'i', լ: 'l',
  խ: 'kh', ծ: 'ts', կ: 'k', հ: 'h', ձ: 'dz', ղ: 'gh', ճ: 'ch', մ: 'm', յ: 'y', ն: 'n', շ: 'sh', ո: 'o',
  չ: 'ch', պ: 'p', ջ: 'j', ռ: 'r', ս: 's', վ: 'v', տ: 't', ր: 'r', ց: 'ts', ւ: 'v', փ: 'p', ք: 'k',
  օ: 'o', ֆ: 'f', և: 'ev',
};

const GEORGIAN: Record<string, string> = {
  ა: 'a', ბ: 'b', გ: 'g', დ: 'd', ე: 'e', ვ: 'v', ზ: 'z', თ: 't', ი: 'i', კ: 'k', ლ: 'l', მ: 'm',
  ნ: 'n', ო: 'o', პ: 'p', ჟ: 'zh', რ: 'r', ს: 's', ტ: 't', უ: 'u', ფ: 'p', ქ: 'k', ღ: 'gh', ყ: 'q',
  შ: 'sh', ჩ: 'ch', ც: 'ts', ძ: 'dz', წ: 'ts', ჭ: 'ch', ხ: 'kh', ჯ: 'j', ჰ: 'h',
};

const TABLES: Record<ScriptName, Record<string, string>> = {
  latin: LATIN_SPECIAL,
  'latin-de': { ...LATIN_SPECIAL, ä: 'ae', ö: 'oe', ü: 'ue' },
  'cyrillic-ru': { ...LATIN_SPECIAL, ...RU },
  'cyrillic-uk': { ...LATIN_SPECIAL, ...UK },
  'cyrillic-mk': { ...LATIN_SPECIAL, ...MK },
  greek: { ...LATIN_SPECIAL, ...GREEK },
  armenian: { ...LATIN_SPECIAL, ...ARMENIAN },
  georgian: { ...LATIN_SPECIAL, ...GEORGIAN },
  none: {},
};

/** Names repeat heavily in generated data, so each script keeps a cache of names it has seen. */
const caches = new Map<ScriptName, Map<string, string>>();
const CACHE_LIMIT = 200_000;

function convert(name: string, script: ScriptName): string {
  if (script === 'none') return '';
  const table = TABLES[script];
  let s = name.toLowerCase();
  if (script === 'armenian') s = s.replace(/ու/g, 'u');
  let out = '';
  for (const ch of s) {
    const t = table[ch];
    if (t !== undefined) { out += t; continue; }
    // No entry: look up the base letter without its marks (é → e, ά → α → a).
    const base = ch.normalize('NFD')[0];
    out += table[base] ?? base;
  }
  return out.replace(/[^a-z0-9]/g, '');
}

/**
 * A name as lowercase ASCII letters and digits, for e-mail local parts.
 * @example transliterate('Дарья', 'cyrillic-ru') // 'darya'
 * @example transliterate('Jürgen Groß', 'latin-de') // 'juergengross'
 */
export function transliterate(name: string, script: ScriptName = 'latin'): string {
  let cache = caches.get(script);
  if (!cache) caches.set(script, (cache = new Map()));
  let v = cache.get(name);
  if (v === undefined) {
    v = convert(name, script);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, v);
  }
  return v;
}
