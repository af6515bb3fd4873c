/** A grid of identities × variations (rows = identities, columns = their images) for notebooks. */
import { imageGrid } from '../display/image-grid';
import type { RichOutput } from '../display/output';
import { Rng, type Seed } from '../random';
import type { ImageDataset } from './dataset';

export interface IdentityGridOptions {
  /** Rows: identities shown (default 6). */
  identities?: number;
  /** Columns: images per identity (default 8; fewer when an identity has fewer). */
  perIdentity?: number;
  /** Picks identities at random with this seed; without it, the first ones. */
  seed?: Seed | Rng;
  title?: string;
}

/**
 * Shows a labelled set as identities × variations. For an unlabelled set, the first
 * `identities · perIdentity` images.
 * @example display(await identityGrid(proceduralFaces({ identities: 50, imagesPerIdentity: 10, seed: 1 })))
 */
export async function identityGrid(ds: ImageDataset, options: IdentityGridOptions = {}): Promise<RichOutput> {
  const rows = options.identities ?? 6, cols = options.perIdentity ?? 8;
  let indices: number[] = [];
  const captions: string[] = [];
  if (ds.labelled) {
    const groups = ds.classIndices().map((g, label) => ({ g, label })).filter(({ g }) => g.length > 0);
    if (options.seed !== undefined) Rng.from(options.seed).derive('identityGrid').shuffle(groups);
    for (const { g, label } of groups.slice(0, rows)) {
      for (let k = 0; k < cols; k++) {
        // Short identities leave their row's tail empty: a grey cell would read as an image.
        indices.push(k < g.length ? g[k] : -1);
        captions.push(k < g.length ? (k === 0 ? ds.classNames[label] : '') : '');
      }
    }
  } else {
    indices = Array.from({ length: Math.min(ds.size, rows * cols) }, (_, i) => i);
    captions.push(...indices.map((i) => ds.names[i]));
  }
  if (indices.length === 0) throw new Error('identityGrid: the data set has no images');
  const present = indices.filter((i) => i >= 0);
  const { bytes, ok } = await ds.readBytes(present);
  const [h, w, c] = ds.imageShape;
  const cell = h * w * c;
  // Cells in grid order; missing or undecodable images are drawn white.
  const data = new Uint8Array(indices.length * cell).fill(255);
  let k = 0;
  indices.forEach((i, pos) => {
    if (i < 0) return;
    if (ok[k]) data.set(bytes.subarray(k * cell, (k + 1) * cell), pos * cell);
    k++;
  });
  const images = Array.from({ length: indices.length }, (_, pos) => ({ data: data.subarray(pos * cell, (pos + 1) * cell), width: w, height: h, channels: c as 1 | 3 }));
  return imageGrid(images, { cols: ds.labelled ? cols : Math.min(cols, indices.length), captions, title: options.title ?? (ds.labelled ? `${Math.min(rows, ds.classNames.length)} identities × ${cols} images` : undefined) });
}
