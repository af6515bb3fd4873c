/**
 * Synthlab: make and judge synthetic training data in TypeScript.
 * The public API; each capability lives in its own folder and is re-exported here.
 */
export * as random from './random';
export { Rng } from './random';
export type { Seed, RngState } from './random';
export * as tabular from './tabular';
export { Table } from './tabular';
