/**
 * The study's configuration. Sizes come from one profile, chosen by `SYNTHLAB_PROFILE`
 * (`ci`: seconds per stage; unset: `default`, minutes on 2 CPUs; `full`: the article's scale,
 * meant for a GPU). Every notebook's config cell and the main job read the same profiles.
 */
export type ProfileName = 'ci' | 'default' | 'full';

export interface StudyConfig {
  seed: number;
  profile: ProfileName;
  /** Where results, the report and data files go. */
  outDir: string;
  /** Stage ids to run (default: all, in order). */
  stages?: string[];
  /** A user's data: an identity-folder face set instead of the embedded procedural faces. */
  data?: { faces?: string };
}

export function profileFromEnv(env: NodeJS.ProcessEnv = process.env): ProfileName {
  const p = (env.SYNTHLAB_PROFILE ?? '').trim();
  if (p === '') return 'default';
  if (p === 'ci' || p === 'default' || p === 'full') return p;
  throw new Error(`SYNTHLAB_PROFILE must be "ci", "default" or "full" (or unset), got "${p}"`);
}

/** Picks the value for the active profile. */
export function bySize<T>(profile: ProfileName, sizes: Record<ProfileName, T>): T {
  return sizes[profile];
}

export function defaultConfig(overrides: Partial<StudyConfig> = {}): StudyConfig {
  return { seed: 42, profile: profileFromEnv(), outDir: 'out', ...overrides };
}

/** Validates a user-supplied config (e.g. parsed from `--config file.json`), naming the field at fault. */
export function parseConfig(value: unknown, source: string): Partial<StudyConfig> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${source}: the config must be a JSON object`);
  const v = value as Record<string, unknown>;
  const out: Partial<StudyConfig> = {};
  const known = new Set(['seed', 'profile', 'outDir', 'stages', 'data']);
  for (const k of Object.keys(v)) if (!known.has(k)) throw new Error(`${source}: unknown key "${k}" (known: ${[...known].join(', ')})`);
  if (v.seed !== undefined) {
    if (!Number.isSafeInteger(v.seed)) throw new Error(`${source}: "seed" must be an integer`);
    out.seed = v.seed as number;
  }
  if (v.profile !== undefined) {
    if (v.profile !== 'ci' && v.profile !== 'default' && v.profile !== 'full') throw new Error(`${source}: "profile" must be "ci", "default" or "full"`);
    out.profile = v.profile;
  }
  if (v.outDir !== undefined) {
    if (typeof v.outDir !== 'string') throw new Error(`${source}: "outDir" must be a path string`);
    out.outDir = v.outDir;
  }
  if (v.stages !== undefined) {
    if (!Array.isArray(v.stages) || !v.stages.every((s) => typeof s === 'string')) throw new Error(`${source}: "stages" must be a list of stage ids`);
    out.stages = v.stages as string[];
  }
  if (v.data !== undefined) {
    const d = v.data as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || (d.faces !== undefined && typeof d.faces !== 'string')) throw new Error(`${source}: "data.faces" must be a folder path`);
    out.data = { faces: d.faces as string | undefined };
  }
  return out;
}
