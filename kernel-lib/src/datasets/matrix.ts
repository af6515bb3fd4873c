/**
 * A dense row-major matrix of doubles: the result type of every generator and the input of
 * `linear/`. One flat `Float64Array` (10^6 × 20 is 160 MB, no per-row objects), so it converts
 * to a tfjs tensor or a plain array in one pass.
 */
export class Matrix {
  /**
   * @param data row-major values, `rows · cols` of them (taken as is, not copied)
   * @example const m = new Matrix(new Float64Array([1, 2, 3, 4]), 2, 2); m.get(1, 0); // 3
   */
  constructor(readonly data: Float64Array, readonly rows: number, readonly cols: number) {
    if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
      throw new RangeError(`Matrix: rows and cols must be integers ≥ 0, got ${rows} × ${cols}`);
    }
    if (data.length !== rows * cols) {
      throw new RangeError(`Matrix: ${rows} × ${cols} needs ${rows * cols} values, got ${data.length}`);
    }
  }

  /** A zero-filled matrix. */
  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(new Float64Array(rows * cols), rows, cols);
  }

  /** A matrix from nested arrays (rows of equal length); errors name the ragged row. */
  static fromArray(values: readonly (readonly number[])[] | readonly Float64Array[]): Matrix {
    const rows = values.length;
    const cols = rows > 0 ? values[0].length : 0;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      if (values[i].length !== cols) {
        throw new RangeError(`Matrix.fromArray: row ${i} has ${values[i].length} values; row 0 has ${cols}`);
      }
      data.set(values[i], i * cols);
    }
    return new Matrix(data, rows, cols);
  }

  /** `[rows, cols]`, as numpy's `shape` and tfjs's `tensor2d` take it. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Row `i` as a view (no copy: writes go to the matrix). */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** Column `j` as a new array. */
  column(j: number): Float64Array {
    if (!(j >= 0 && j < this.cols)) throw new RangeError(`Matrix.column: column ${j} is outside 0..${this.cols - 1}`);
    const out = new Float64Array(this.rows);
    for (let i = 0, k = j; i < this.rows; i++, k += this.cols) out[i] = this.data[k];
    return out;
  }

  /** The transpose, as a new matrix. */
  transpose(): Matrix {
    const { rows, cols, data } = this;
    const out = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = data[i * cols + j];
    return new Matrix(out, cols, rows);
  }

  /** Plain nested arrays (`number[rows][cols]`), e.g. for JSON. */
  toArray(): number[][] {
    const out: number[][] = new Array(this.rows);
    for (let i = 0; i < this.rows; i++) out[i] = Array.from(this.row(i));
    return out;
  }

  /** Float32 copy of the data, the layout `tf.tensor2d(values, shape)` takes. */
  toFloat32(): Float32Array {
    return new Float32Array(this.data);
  }

  toString(): string {
    return `Matrix(${this.rows} × ${this.cols})`;
  }
}
