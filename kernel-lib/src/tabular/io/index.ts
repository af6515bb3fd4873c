export { toCsv, parseCsv } from './csv';
export { toJsonl, parseJsonl } from './jsonl';
export { toArrow, fromArrow, ArrowChunkWriter } from './arrow';
export { writeTable } from './write';
export type { TableFormat, WriteTableOptions, WriteTableResult } from './write';
