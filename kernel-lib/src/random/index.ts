export { Rng } from './rng';
export type { Seed, RngState } from './rng';
