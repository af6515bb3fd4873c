/** A source that decodes image files on demand, a few at a time, recording failures in the report. */
import { decodeInto, DecodeError, mapLimit, type DecodeOptions } from './decode';
import type { PixelSource } from './source';
import type { LoadReport } from './types';

export class FileSource implements PixelSource {
  readonly count: number;
  readonly imageBytes: number;
  private readonly failed = new Set<number>();

  constructor(
    readonly paths: readonly string[],
    private readonly opts: DecodeOptions,
    private readonly report: LoadReport,
    /** Files decoded at once; libvips threads inside each decode too. */
    private readonly concurrency = 8,
    /** Called after each file, decoded or not (load progress). */
    private readonly onFile?: () => void,
  ) {
    this.count = paths.length;
    this.imageBytes = opts.height * opts.width * opts.channels;
  }

  async read(indices: Int32Array, out: Uint8Array): Promise<Uint8Array> {
    const ok = new Uint8Array(indices.length);
    const b = this.imageBytes;
    await mapLimit(indices.length, this.concurrency, async (k) => {
      const i = indices[k];
      if (!(i >= 0 && i < this.count)) throw new RangeError(`image index ${i} is out of range [0, ${this.count})`);
      if (this.failed.has(i)) return;
      try {
        await decodeInto(this.paths[i], this.opts, out.subarray(k * b, (k + 1) * b));
        ok[k] = 1;
      } catch (err) {
        this.failed.add(i);
        const reason = err instanceof DecodeError ? err.reason : 'corrupt';
        this.report.skipped.push({ path: this.paths[i], reason, detail: (err as Error).message });
        // Found after loading (storage 'files'): the image leaves the kept count.
        if (this.report.imagesKept > 0) this.report.imagesKept--;
      }
      this.onFile?.();
    });
    return ok;
  }
}
