/**
 * Where a data set's pixels come from. Every source hands out images as uint8 HWC (the
 * compact form: a 70k×64×64×3 set is 860 MB as bytes, 3.4 GB as floats); the data set turns
 * batches into float tensors. Sources that can answer synchronously (memory, disk cache,
 * procedural renderer) implement `readSync` so training loops need not await.
 */

export interface PixelSource {
  /** Number of images. */
  readonly count: number;
  /** Bytes per image (H·W·C). */
  readonly imageBytes: number;
  /**
   * Reads images `indices` into `out` (image k at k·imageBytes). Resolves to a mask: 1 where the
   * image was read, 0 where it could not be (a file that failed to decode); such images are
   * dropped from the batch and listed in the data set's report.
   */
  read(indices: Int32Array, out: Uint8Array): Promise<Uint8Array>;
  /** Synchronous read, for sources that can (all images always succeed). */
  readSync?(indices: Int32Array, out: Uint8Array): void;
}

function checkIndices(indices: Int32Array, count: number): void {
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!(i >= 0 && i < count)) throw new RangeError(`image index ${i} is out of range [0, ${count})`);
  }
}

/** All images in one byte array. */
export class MemorySource implements PixelSource {
  readonly count: number;
  constructor(readonly pixels: Uint8Array, readonly imageBytes: number) {
    if (pixels.length % imageBytes !== 0) {
      throw new RangeError(`MemorySource: ${pixels.length} bytes is not a whole number of ${imageBytes}-byte images`);
    }
    this.count = pixels.length / imageBytes;
  }
  readSync(indices: Int32Array, out: Uint8Array): void {
    checkIndices(indices, this.count);
    const b = this.imageBytes;
    for (let k = 0; k < indices.length; k++) out.set(this.pixels.subarray(indices[k] * b, (indices[k] + 1) * b), k * b);
  }
  async read(indices: Int32Array, out: Uint8Array): Promise<Uint8Array> {
    this.readSync(indices, out);
    return new Uint8Array(indices.length).fill(1);
  }
}

/** A view of another source through an index map (subsets, splits). */
export class IndexedSource implements PixelSource {
  readonly imageBytes: number;
  readonly count: number;
  readonly readSync?: (indices: Int32Array, out: Uint8Array) => void;
  constructor(private readonly parent: PixelSource, private readonly map: Int32Array) {
    this.imageBytes = parent.imageBytes;
    this.count = map.length;
    checkIndices(map, parent.count);
    const parentSync = parent.readSync?.bind(parent);
    if (parentSync) this.readSync = (indices, out) => parentSync(this.mapped(indices), out);
  }
  private mapped(indices: Int32Array): Int32Array {
    checkIndices(indices, this.count);
    const m = new Int32Array(indices.length);
    for (let k = 0; k < indices.length; k++) m[k] = this.map[indices[k]];
    return m;
  }
  read(indices: Int32Array, out: Uint8Array): Promise<Uint8Array> {
    return this.parent.read(this.mapped(indices), out);
  }
}

/** Images computed on demand by a synchronous function (e.g. the procedural face renderer). */
export class ComputedSource implements PixelSource {
  constructor(
    readonly count: number,
    readonly imageBytes: number,
    private readonly render: (index: number, out: Uint8Array) => void,
  ) {}
  readSync(indices: Int32Array, out: Uint8Array): void {
    checkIndices(indices, this.count);
    const b = this.imageBytes;
    for (let k = 0; k < indices.length; k++) this.render(indices[k], out.subarray(k * b, (k + 1) * b));
  }
  async read(indices: Int32Array, out: Uint8Array): Promise<Uint8Array> {
    this.readSync(indices, out);
    return new Uint8Array(indices.length).fill(1);
  }
}
