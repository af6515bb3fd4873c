/**
 * A minimal synchronous PNG encoder (8-bit gray, RGB or RGBA) on Node's zlib. Synchronous on
 * purpose: display outputs are built inside training loops and progress updates. Decoding
 * images is the loaders' job (sharp); this only writes what we draw.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const COLOR_TYPE: Record<1 | 2 | 3 | 4, number> = { 1: 0, 2: 4, 3: 2, 4: 6 };

/**
 * Encodes row-major 8-bit pixels (`width·height·channels` bytes) as a PNG file.
 * @param channels 1 = gray, 2 = gray + alpha, 3 = RGB, 4 = RGBA
 * @example encodePng(new Uint8Array(4 * 4 * 3).fill(255), 4, 4, 3) // a white 4×4 PNG
 */
export function encodePng(pixels: Uint8Array, width: number, height: number, channels: 1 | 2 | 3 | 4): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`encodePng: width and height must be positive integers, got ${width}×${height}`);
  }
  const stride = width * channels;
  if (pixels.length !== stride * height) {
    throw new RangeError(`encodePng: expected ${stride * height} bytes for ${width}×${height}×${channels}, got ${pixels.length}`);
  }
  // Each row is prefixed with filter type 0 (none): simple, and zlib does well on our images.
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    raw.set(pixels.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = COLOR_TYPE[channels];
  header[10] = 0; header[11] = 0; header[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
