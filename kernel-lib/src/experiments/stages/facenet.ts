/**
 * The article's Table 1: FaceNet (triplet loss) trained on real faces only, real + GAN faces,
 * and real + classically augmented faces, scored on held-out identities over several seeds.
 * Synthetic faces come from a class-conditional SAGAN trained on the training identities (the
 * generative stage's, when it ran; otherwise trained here), used as images of their identity,
 * as new identities (class mixes vetted by the embedding) or only as negatives — the best of the
 * three is kept, and the report says so.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareDataOrganizations, conditionalGanFaces, negativeGanFaces, newIdentityGanFaces, organizationRows, projectionPlot } from '../../facenet';
import type { Gan } from '../../models/gan';
import { sagan } from '../../models/sagan';
import { train } from '../../training/trainer';
import { tensorBatches } from '../../training/data';
import { toCsv } from '../../tabular';
import { Table } from '../../tabular/table';
import { bySize } from '../config';
import type { Progress } from '../../display/progress';
import type { Stage, StageContext } from '../stage';
import { disposeStudyFaces, loadStudyFaces, type StudyFaces } from '../faces-data';

export const CONDITIONAL_GAN = 'conditional-gan';

const RUN = {
  ci: { steps: 30, P: 4, K: 3, seeds: [1, 2], sweep: [0, 0.15, 0.3], net: { depth: 2, width: 8, embeddingDim: 16 }, ganSteps: 10, ganBatch: 8, ganWidth: 8 },
  default: { steps: 200, P: 8, K: 4, seeds: [1, 2, 3], sweep: [0, 0.05, 0.15, 0.3, 0.5], net: { depth: 3, width: 16, embeddingDim: 64 }, ganSteps: 150, ganBatch: 16, ganWidth: 16 },
  full: { steps: 20_000, P: 24, K: 4, seeds: [1, 2, 3, 4, 5], sweep: [0, 0.05, 0.15, 0.3, 0.5], net: { depth: 4, width: 32, embeddingDim: 128 }, ganSteps: 100_000, ganBatch: 64, ganWidth: 64 },
};

/** A class-conditional SAGAN on the training identities (when no earlier stage left one). */
export async function trainConditionalGan(ctx: StageContext, faces: StudyFaces): Promise<Gan> {
  const r = bySize(ctx.config.profile, RUN);
  const numClasses = new Set(faces.train.labels).size;
  const gan = sagan({ imageSize: faces.size, numClasses, width: r.ganWidth, seed: ctx.rng.derive('gan').seedInt() });
  const source = tensorBatches(faces.train.images, faces.train.labels, ctx.rng.derive('gan-data'));
  await train(gan, source, { steps: r.ganSteps, batchSize: r.ganBatch, seed: ctx.rng.derive('gan-train').seedInt(), view: 'auto', sampleEvery: 0, label: 'conditional SAGAN' });
  return gan;
}

export const facenetStage: Stage = {
  id: 'facenet',
  title: 'FaceNet trained three ways (Table 1)',
  description: 'FaceNet with triplet loss on real faces; real + 15 % conditional-SAGAN faces; real + 15 % classically augmented faces — same network, steps and seeds — scored on held-out identities: verification (LFW protocol), identification, clustering, precision/recall/F1/accuracy/specificity and the held-out triplet loss.',
  async run(ctx) {
    const { config, rng, dir } = ctx;
    const r = bySize(config.profile, RUN);
    const faces = await loadStudyFaces(config, rng.derive('faces').seedInt());
    let ownGan: Gan | null = null;
    try {
      const shared = ctx.artifacts.get(CONDITIONAL_GAN) as Gan | undefined;
      const gan = shared ?? (ownGan = await trainConditionalGan(ctx, faces));
      let bar: Progress | null = null;
      const result = await compareDataOrganizations({
        train: faces.train, test: faces.test, synthetic: [conditionalGanFaces(gan), newIdentityGanFaces(gan), negativeGanFaces(gan)],
        ratio: 0.15, seeds: r.seeds, steps: r.steps, P: r.P, K: r.K, net: r.net, sweep: r.sweep,
        onRun: (_done, total, label) => {
          bar ??= ctx.progress({ total, label: 'FaceNet runs', unit: 'run' });
          bar.tick(1, { last: label });
        },
      });
      (bar as Progress | null)?.finish();
      const rows = organizationRows(result);
      const table = new Table(Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((row) => row[k])])));
      writeFileSync(join(dir, 'runs.csv'), toCsv(table));
      writeFileSync(join(dir, 'runs.json'), JSON.stringify({ config: { ...r, ratio: 0.15, faces: faces.source }, runs: rows }, null, 2));
      return {
        outputs: [
          ...result.outputs.map((output, i) => ({ caption: ['Table 1: arms × metrics', 'Paired comparisons over seeds', 'Ratio sweep', 'Verification ROC per arm', 'Identification CMC per arm'][i], output })),
          ...(['untrained', 'real'] as const).map((arm) => {
            const run = result.runs.find((x) => x.arm === arm) as (typeof result.runs)[number];
            return { caption: `Held-out embeddings, ${arm} (first seed)`, output: projectionPlot(run.embeddings, faces.test.labels, r.net.embeddingDim, `Held-out identities, ${arm} net (PCA)`) };
          }),
        ],
        numbers: { faces: faces.source, strategy: result.strategy, summary: result.summary, sweep: result.sweep, paired: result.paired, ganFrom: shared ? 'generative stage' : 'trained here' },
        files: ['facenet/runs.csv', 'facenet/runs.json'],
      };
    } finally {
      ownGan?.dispose();
      disposeStudyFaces(faces);
    }
  },
};
