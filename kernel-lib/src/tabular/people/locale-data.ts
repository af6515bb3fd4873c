/**
 * Locale facts that faker-js does not carry, kept as plain data (faker-js style): the country a
 * locale's addresses belong to, how its full names are ordered, and how its script maps to
 * Latin letters for e-mail addresses. Keys are faker-js locale codes.
 */

/** How a locale writes a full name: `{first}`, `{middle}` and `{last}` are replaced. */
export type NameOrder = '{first} {last}' | '{first} {middle} {last}' | '{last} {first}' | '{last}{first}';

export interface LocaleFacts {
  /** ISO 3166-1 alpha-2 code of the locale's country. */
  readonly countryCode: string;
  /** The country's name as the locale writes it (the `country` column). */
  readonly country: string;
  /** Full-name order; defaults to `{first} {last}`. */
  readonly nameOrder?: NameOrder;
  /** Transliteration table name (see transliterate.ts); defaults to `latin`. */
  readonly script?: ScriptName;
}

export type ScriptName = 'latin' | 'latin-de' | 'cyrillic-ru' | 'cyrillic-uk' | 'cyrillic-mk' | 'greek' | 'armenian' | 'georgian' | 'none';

export const LOCALE_FACTS: Readonly<Record<string, LocaleFacts>> = {
  af_ZA: { countryCode: 'ZA', country: 'Suid-Afrika' },
  az: { countryCode: 'AZ', country: 'Azərbaycan' },
  cs_CZ: { countryCode: 'CZ', country: 'Česká republika' },
  da: { countryCode: 'DK', country: 'Danmark' },
  de: { countryCode: 'DE', country: 'Deutschland', script: 'latin-de' },
  de_AT: { countryCode: 'AT', country: 'Österreich', script: 'latin-de' },
  de_CH: { countryCode: 'CH', country: 'Schweiz', script: 'latin-de' },
  el: { countryCode: 'GR', country: 'Ελλάδα', script: 'greek' },
  en: { countryCode: 'US', country: 'United States' },
  en_AU: { countryCode: 'AU', country: 'Australia' },
  en_AU_ocker: { countryCode: 'AU', country: 'Australia' },
  en_CA: { countryCode: 'CA', country: 'Canada' },
  en_GB: { countryCode: 'GB', country: 'United Kingdom' },
  en_GH: { countryCode: 'GH', country: 'Ghana' },
  en_IE: { countryCode: 'IE', country: 'Ireland' },
  en_IN: { countryCode: 'IN', country: 'India' },
  en_NG: { countryCode: 'NG', country: 'Nigeria' },
  en_NP: { countryCode: 'NP', country: 'Nepal' },
  en_US: { countryCode: 'US', country: 'United States' },
  en_ZA: { countryCode: 'ZA', country: 'South Africa' },
  es: { countryCode: 'ES', country: 'España' },
  es_MX: { countryCode: 'MX', country: 'México' },
  fi: { countryCode: 'FI', country: 'Suomi' },
  fr: { countryCode: 'FR', country: 'France' },
  fr_BE: { countryCode: 'BE', country: 'Belgique' },
  fr_CA: { countryCode: 'CA', country: 'Canada' },
  fr_CH: { countryCode: 'CH', country: 'Suisse' },
  he: { countryCode: 'IL', country: 'ישראל', script: 'none' },
  hr: { countryCode: 'HR', country: 'Hrvatska' },
  hu: { countryCode: 'HU', country: 'Magyarország', nameOrder: '{last} {first}' },
  hy: { countryCode: 'AM', country: 'Հայաստան', script: 'armenian' },
  id_ID: { countryCode: 'ID', country: 'Indonesia' },
  it: { countryCode: 'IT', country: 'Italia' },
  ja: { countryCode: 'JP', country: '日本', nameOrder: '{last} {first}', script: 'none' },
  ka_GE: { countryCode: 'GE', country: 'საქართველო', script: 'georgian' },
  ko: { countryCode: 'KR', country: '대한민국', nameOrder: '{last}{first}', script: 'none' },
  lv: { countryCode: 'LV', country: 'Latvija' },
  mk: { countryCode: 'MK', country: 'Северна Македонија', script: 'cyrillic-mk' },
  nb_NO: { countryCode: 'NO', country: 'Norge' },
  ne: { countryCode: 'NP', country: 'नेपाल', script: 'none' },
  nl: { countryCode: 'NL', country: 'Nederland' },
  nl_BE: { countryCode: 'BE', country: 'België' },
  pl: { countryCode: 'PL', country: 'Polska' },
  pt_BR: { countryCode: 'BR', country: 'Brasil' },
  pt_PT: { countryCode: 'PT', country: 'Portugal' },
  ro: { countryCode: 'RO', country: 'România' },
  ro_MD: { countryCode: 'MD', country: 'Republica Moldova' },
  ru: { countryCode: 'RU', country: 'Россия', nameOrder: '{first} {middle} {last}', script: 'cyrillic-ru' },
  sk: { countryCode: 'SK', country: 'Slovensko' },
  sr_RS_latin: { countryCode: 'RS', country: 'Srbija' },
  sv: { countryCode: 'SE', country: 'Sverige' },
  th: { countryCode: 'TH', country: 'ประเทศไทย', script: 'none' },
  tr: { countryCode: 'TR', country: 'Türkiye' },
  uk: { countryCode: 'UA', country: 'Україна', nameOrder: '{first} {middle} {last}', script: 'cyrillic-uk' },
  vi: { countryCode: 'VN', country: 'Việt Nam', nameOrder: '{last} {first}' },
  zh_CN: { countryCode: 'CN', country: '中国', nameOrder: '{last}{first}', script: 'none' },
  zh_TW: { countryCode: 'TW', country: '臺灣', nameOrder: '{last}{first}', script: 'none' },
  zu_ZA: { countryCode: 'ZA', country: 'iNingizimu Afrika' },
};
