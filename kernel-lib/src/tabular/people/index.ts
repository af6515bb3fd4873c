export { people, peopleChunks, PERSON_FIELDS, DEFAULT_REFERENCE_DATE } from './people';
export type { PeopleOptions, PeopleChunkOptions, PersonField } from './people';
export { peopleLocales, localeCapabilities, seededFaker } from './locales';
export type { LocaleSpec, LocaleCapabilities } from './locales';
export { transliterate } from './transliterate';
export { ageOn } from './person';
export { LOCALE_FACTS } from './locale-data';
export type { LocaleFacts, ScriptName, NameOrder } from './locale-data';
