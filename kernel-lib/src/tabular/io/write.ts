/**
 * Streams a table, or chunks of one, to a file as CSV, JSON lines or Arrow IPC. Chunks are
 * pulled one at a time and the next is made only after the file stream has room for it, so
 * 10^7 rows from `peopleChunks` or `schema.chunks` pass through in bounded memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { extname } from 'node:path';
import { Table } from '../table';
import { ArrowChunkWriter } from './arrow';
import { csvLines } from './csv';
import { toJsonl } from './jsonl';

export type TableFormat = 'csv' | 'jsonl' | 'arrow' | 'arrows';

const BY_EXTENSION: Record<string, TableFormat> = {
  '.csv': 'csv', '.jsonl': 'jsonl', '.ndjson': 'jsonl', '.arrow': 'arrow', '.feather': 'arrow', '.arrows': 'arrows',
};

export interface WriteTableOptions {
  /** Output format; by default from the file extension (.csv, .jsonl/.ndjson, .arrow/.feather, .arrows). */
  format?: TableFormat;
}

export interface WriteTableResult {
  path: string;
  format: TableFormat;
  rows: number;
  bytes: number;
}

function formatFor(path: string, format: TableFormat | undefined): TableFormat {
  if (format) {
    if (!['csv', 'jsonl', 'arrow', 'arrows'].includes(format)) throw new Error(`writeTable: unknown format "${format}"; use csv, jsonl, arrow or arrows`);
    return format;
  }
  const f = BY_EXTENSION[extname(path).toLowerCase()];
  if (!f) throw new Error(`writeTable: cannot tell the format of "${path}" from its extension; use ${Object.keys(BY_EXTENSION).join(', ')} or pass { format }`);
  return f;
}

/**
 * Writes `source` (a table, or an iterable of table chunks with the same columns) to `path`.
 * @example await writeTable(peopleChunks({ n: 1e7, locale: 'ru', seed: 1 }), 'people.csv')
 */
export async function writeTable(
  source: Table | Iterable<Table> | AsyncIterable<Table>,
  path: string,
  options: WriteTableOptions = {},
): Promise<WriteTableResult> {
  const format = formatFor(path, options.format);
  const chunks: Iterable<Table> | AsyncIterable<Table> = source instanceof Table ? [source] : source;
  const out = createWriteStream(path);
  let failure: Error | null = null;
  out.on('error', (e) => { failure = e; });
  const arrow = format === 'csv' || format === 'jsonl' ? null : new ArrowChunkWriter(format === 'arrow' ? 'file' : 'stream');
  let rows = 0;
  let names: string | null = null;
  let first = true;
  const put = async (data: string | Uint8Array) => {
    if (failure) throw failure;
    if (out.write(data)) return;
    await new Promise<void>((resolve, reject) => {
      const onDrain = () => { out.off('error', onError); resolve(); };
      const onError = (e: Error) => { out.off('drain', onDrain); reject(e); };
      out.once('drain', onDrain);
      out.once('error', onError);
    });
  };
  try {
    for await (const chunk of chunks) {
      const key = chunk.names.join('\u0000');
      if (names === null) names = key;
      else if (key !== names) throw new Error(`writeTable: chunk at row ${rows} has columns (${chunk.names.join(', ')}), unlike the first chunk`);
      if (format === 'csv') await put(csvLines(chunk, first));
      else if (format === 'jsonl') await put(toJsonl(chunk));
      else for (const b of arrow!.write(chunk)) await put(b);
      rows += chunk.numRows;
      first = false;
    }
    if (arrow) for (const b of arrow.finish()) await put(b);
    out.end();
    await once(out, 'finish');
  } catch (e) {
    out.destroy();
    throw failure ?? e;
  }
  if (failure) throw failure;
  return { path, format, rows, bytes: out.bytesWritten };
}
