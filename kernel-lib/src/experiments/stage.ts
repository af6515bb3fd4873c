/** A stage of the study: one experiment of the article, producing outputs and numbers. */
import type { BackendInfo } from '../backend';
import type { Progress, ProgressOptions } from '../display/progress';
import type { RichOutput } from '../display/output';
import type { Rng } from '../random';
import type { StudyConfig } from './config';

export interface StageContext {
  config: StudyConfig;
  /** The tensor backend the study runs on. */
  backend: BackendInfo;
  /** This stage's own random stream (derived from the seed and the stage id). */
  rng: Rng;
  /** This stage's folder for data files (inside the study's out dir). */
  dir: string;
  /**
   * Things stages hand to later stages (e.g. the generative stage's conditional GAN, which the
   * FaceNet stage uses for synthetic faces). A stage must also work when what it wants is absent.
   */
  artifacts: Map<string, unknown>;
  progress(options: ProgressOptions): Progress;
  log(message: string): void;
}

export interface StageResult {
  /** What the report shows, in order. */
  outputs: { caption?: string; output: RichOutput }[];
  /** Every number the stage measured, for results.json. */
  numbers: Record<string, unknown>;
  /** Data files the stage wrote (paths relative to the out dir). */
  files?: string[];
}

export interface Stage {
  id: string;
  title: string;
  /** One paragraph: what the stage does and which part of the article it reproduces. */
  description: string;
  run(ctx: StageContext): Promise<StageResult>;
}
