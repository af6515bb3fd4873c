/**
 * The variables a checkpoint saves for a trainable unit: its parameter groups and its optimizers'
 * slots, under stable names (`prefix/param`, `optPrefix/i/m`…) so a resumed run finds each one.
 */
import type * as tf from '../tf';
import type { Adam } from './adam';

export function checkpointVariables(
  params: Record<string, Iterable<[string, tf.Variable]>>,
  optimizers: Record<string, Adam>,
): Map<string, tf.Variable> {
  const out = new Map<string, tf.Variable>();
  for (const [prefix, vars] of Object.entries(params)) for (const [k, v] of vars) out.set(`${prefix}/${k}`, v);
  for (const [prefix, optimizer] of Object.entries(optimizers)) for (const [k, v] of optimizer.stateVariables(prefix)) out.set(k, v);
  return out;
}
