/** One benchmark figure. `ratio` is ours relative to the peer, oriented so that > 1 means we are better. */
export interface BenchResult {
  name: string;
  /** Unit of `ours` and `peer`, e.g. "rows/s", "images/s", "s". */
  unit: string;
  ours: number;
  peer?: number;
  ratio?: number;
  /** What the peer is, threads, sizes, anything needed to read the figure. */
  notes?: string;
  [extra: string]: unknown;
}

/** A benchmark module: `bench/<area>.ts` exports `run` and is listed in `bench/index.ts`. */
export type BenchModule = { run(options: BenchOptions): Promise<BenchResult[]> };

export interface BenchOptions {
  /** Smaller sizes for a quick smoke run (`npm run bench -- --quick`). */
  quick: boolean;
}
