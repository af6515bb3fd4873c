/**
 * Correlation of normal scores (pairwise-complete where values are missing), repair to the
 * nearest positive-definite correlation matrix, and Gaussian conditioning.
 */
import { cholesky, symmetricEigen } from '../linear/linalg';

/** Pearson correlation of columns (NaN = missing; each pair uses the rows where both exist). */
export function correlationOfColumns(cols: readonly Float64Array[]): Float64Array {
  const d = cols.length;
  const out = new Float64Array(d * d);
  // Dense columns are centred and scaled once, so each pair is a plain dot product.
  const unit = cols.map((c) => {
    for (let i = 0; i < c.length; i++) if (Number.isNaN(c[i])) return null;
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i];
    const m = s / c.length;
    const u = new Float64Array(c.length);
    let ss = 0;
    for (let i = 0; i < c.length; i++) { const v = c[i] - m; u[i] = v; ss += v * v; }
    const k = ss > 0 ? 1 / Math.sqrt(ss) : 0;
    for (let i = 0; i < c.length; i++) u[i] *= k;
    return u;
  });
  for (let a = 0; a < d; a++) {
    out[a * d + a] = 1;
    const x = unit[a];
    let b = a + 1;
    // Four partners at a time: x is read once for four dot products.
    if (x) {
      for (; b + 3 < d; b += 4) {
        const y0 = unit[b], y1 = unit[b + 1], y2 = unit[b + 2], y3 = unit[b + 3];
        if (!y0 || !y1 || !y2 || !y3) break;
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (let i = 0; i < x.length; i++) { const v = x[i]; s0 += v * y0[i]; s1 += v * y1[i]; s2 += v * y2[i]; s3 += v * y3[i]; }
        set(out, d, a, b, s0); set(out, d, a, b + 1, s1); set(out, d, a, b + 2, s2); set(out, d, a, b + 3, s3);
      }
    }
    for (; b < d; b++) {
      const y = unit[b];
      let r: number;
      if (x && y) {
        let s0 = 0, s1 = 0;
        const n = x.length, n2 = n - (n % 2);
        for (let i = 0; i < n2; i += 2) { s0 += x[i] * y[i]; s1 += x[i + 1] * y[i + 1]; }
        if (n2 < n) s0 += x[n - 1] * y[n - 1];
        r = s0 + s1;
      } else {
        r = pairwise(cols[a], cols[b]);
      }
      set(out, d, a, b, r);
    }
  }
  return out;
}

function set(out: Float64Array, d: number, a: number, b: number, r: number): void {
  if (!Number.isFinite(r)) r = 0; // no variance or no overlap: no estimable dependence
  out[a * d + b] = out[b * d + a] = Math.max(-1, Math.min(1, r));
}

function pairwise(x: Float64Array, y: Float64Array): number {
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i]) && !Number.isNaN(y[i])) { n++; sx += x[i]; sy += y[i]; }
  if (n < 3) return 0;
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isNaN(x[i]) || Number.isNaN(y[i])) continue;
    const a = x[i] - mx, b = y[i] - my;
    sxy += a * b; sxx += a * a; syy += b * b;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * Returns `corr` if it is positive definite (smallest eigenvalue ≥ `minEigen`); otherwise the
 * matrix with eigenvalues clipped to `minEigen` and rescaled to a unit diagonal, and a note.
 */
export function repairCorrelation(corr: Float64Array, d: number, minEigen = 1e-6): { corr: Float64Array; note: string | null } {
  if (d === 0) return { corr, note: null };
  const { values, vectors } = symmetricEigen(corr, d);
  const smallest = values[d - 1];
  if (smallest >= minEigen) return { corr, note: null };
  const V = vectors.data;
  const out = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += V[i * d + k] * Math.max(values[k], minEigen) * V[j * d + k];
      out[i * d + j] = out[j * d + i] = s;
    }
  }
  const scale = new Float64Array(d);
  for (let i = 0; i < d; i++) scale[i] = 1 / Math.sqrt(out[i * d + i]);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) out[i * d + j] = i === j ? 1 : Math.max(-1, Math.min(1, out[i * d + j] * scale[i] * scale[j]));
  return {
    corr: out,
    note: `the correlation of normal scores was not positive definite (smallest eigenvalue ${smallest.toExponential(2)}); ` +
      `repaired by clipping eigenvalues to ${minEigen} and rescaling to a unit diagonal`,
  };
}

/** Cholesky factor of a repaired correlation matrix, with a jitter fallback for round-off. */
export function choleskyOfCorrelation(corr: Float64Array, d: number): Float64Array {
  for (let jitter = 0; ; jitter = jitter === 0 ? 1e-12 : jitter * 10) {
    try {
      const a = Float64Array.from(corr);
      for (let i = 0; i < d; i++) a[i * d + i] += jitter;
      return cholesky(a, d);
    } catch (err) {
      if (jitter > 1e-4) throw err;
    }
  }
}

/**
 * The Gaussian conditional of the unknown coordinates given known ones:
 * z_u | z_k ~ N(A z_k, S) with A = Σ_uk Σ_kk⁻¹ and S = Σ_uu − A Σ_ku. Returns A (|u| × |k|,
 * row-major) and the Cholesky factor of S.
 */
export function gaussianConditional(corr: Float64Array, d: number, known: readonly number[], unknown: readonly number[]): { A: Float64Array; L: Float64Array } {
  const k = known.length, u = unknown.length;
  const Skk = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) Skk[i * k + j] = corr[known[i] * d + known[j]];
  const Lk = choleskyOfCorrelation(Skk, k);
  // A = Σ_uk Σ_kk⁻¹: solve Σ_kk Aᵀ = Σ_ku column by column.
  const A = new Float64Array(u * k);
  const col = new Float64Array(k);
  for (let r = 0; r < u; r++) {
    for (let i = 0; i < k; i++) col[i] = corr[unknown[r] * d + known[i]];
    for (let i = 0; i < k; i++) { let s = col[i]; for (let m = 0; m < i; m++) s -= Lk[i * k + m] * col[m]; col[i] = s / Lk[i * k + i]; }
    for (let i = k - 1; i >= 0; i--) { let s = col[i]; for (let m = i + 1; m < k; m++) s -= Lk[m * k + i] * col[m]; col[i] = s / Lk[i * k + i]; }
    for (let i = 0; i < k; i++) A[r * k + i] = col[i];
  }
  const S = new Float64Array(u * u);
  for (let a = 0; a < u; a++) {
    for (let b = a; b < u; b++) {
      let s = corr[unknown[a] * d + unknown[b]];
      for (let i = 0; i < k; i++) s -= A[a * k + i] * corr[known[i] * d + unknown[b]];
      S[a * u + b] = S[b * u + a] = s;
    }
  }
  return { A, L: choleskyOfCorrelation(S, u) };
}
