/**
 * Checkpoints: every state variable of a model (weights, statistics, optimizer slots), its
 * counters, the run's RNG state, the step and the history, in one folder `ckpt-<step>` written
 * atomically (temporary folder + rename); the K latest are kept.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '../tf';
import type { RngState } from '../random';
import { writeDirAtomic } from '../util/atomic';
import type { History } from './history';
import type { TrainStep } from './types';

export interface CheckpointMeta {
  format: 'synthlab-checkpoint';
  version: 1;
  step: number;
  rng: RngState;
  model: Record<string, number>;
  history: History;
  weightsManifest: tf.io.WeightsManifestEntry[];
  savedAt: string;
}

const NAME = /^ckpt-(\d{9})$/;

export function checkpointPath(dir: string, step: number): string {
  return join(resolve(dir), `ckpt-${String(step).padStart(9, '0')}`);
}

/** Checkpoint folders in `dir`, oldest first. */
export function listCheckpoints(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => NAME.test(n)).sort().map((n) => join(resolve(dir), n));
}

export async function saveCheckpoint<B>(
  dir: string, model: TrainStep<B>, state: { step: number; rng: RngState; history: History }, keep: number,
): Promise<string> {
  const vars = model.stateVariables();
  const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(vars));
  const meta: CheckpointMeta = {
    format: 'synthlab-checkpoint', version: 1, step: state.step, rng: state.rng, model: model.stateJson(),
    history: state.history, weightsManifest: specs, savedAt: new Date().toISOString(),
  };
  const path = checkpointPath(dir, state.step);
  writeDirAtomic(path, { 'weights.bin': new Uint8Array(data), 'checkpoint.json': JSON.stringify(meta) });
  const all = listCheckpoints(dir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) rmSync(old, { recursive: true, force: true });
  return path;
}

/** Restores a model's state from a checkpoint folder; returns the run state to continue from. */
export function loadCheckpoint<B>(path: string, model: TrainStep<B>): CheckpointMeta {
  const metaPath = join(path, 'checkpoint.json');
  if (!existsSync(metaPath)) throw new Error(`checkpoint ${path}: no checkpoint.json (not a checkpoint folder, or an interrupted write)`);
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CheckpointMeta;
  if (meta.format !== 'synthlab-checkpoint') throw new Error(`checkpoint ${path}: format "${meta.format}", expected "synthlab-checkpoint"`);
  const buf = readFileSync(join(path, 'weights.bin'));
  const values = tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), meta.weightsManifest);
  try {
    const vars = model.stateVariables();
    for (const [name, v] of vars) {
      const t = values[name];
      if (!t) throw new Error(`checkpoint ${path}: no value for "${name}"; was it saved from a model with another configuration?`);
      if (t.shape.join(',') !== v.shape.join(',')) {
        throw new Error(`checkpoint ${path}: "${name}" has shape [${t.shape.join(', ')}], the model has [${v.shape.join(', ')}]`);
      }
    }
    const extra = Object.keys(values).filter((k) => !vars.has(k));
    if (extra.length) throw new Error(`checkpoint ${path}: ${extra.length} values the model does not have (e.g. "${extra[0]}"); another configuration?`);
    for (const [name, v] of vars) v.assign(values[name]);
  } finally {
    tf.dispose(Object.values(values));
  }
  model.loadStateJson(meta.model);
  return meta;
}
