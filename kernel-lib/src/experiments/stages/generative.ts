/**
 * The article's generative models on faces: a conv VAE (its blurry samples) and a Self-Attention
 * GAN — here class-conditional, so the FaceNet stage can draw faces of a chosen identity —
 * trained briefly, with sample grids, loss curves and FID/KID/precision/recall in the feature
 * space of a small classifier trained on the real faces (no Inception weights can be fetched).
 */
import * as tf from '../../tf';
import { imageGrid } from '../../display/image-grid';
import { lineChart } from '../../display/line-chart';
import { RichOutput, escapeXml } from '../../display/output';
import { featureClassifier, generativeReport, type GenerativeReport } from '../../metrics/generative';
import { sagan } from '../../models/sagan';
import { vae } from '../../models/vae';
import { train, type TrainResult } from '../../training/trainer';
import { tensorBatches } from '../../training/data';
import { bySize } from '../config';
import type { Stage } from '../stage';
import { disposeStudyFaces, loadStudyFaces } from '../faces-data';
import { CONDITIONAL_GAN } from './facenet';

const RUN = {
  ci: { clfSteps: 20, vaeSteps: 20, ganSteps: 10, batch: 8, width: 8, samples: 64 },
  default: { clfSteps: 150, vaeSteps: 300, ganSteps: 150, batch: 16, width: 16, samples: 256 },
  full: { clfSteps: 5_000, vaeSteps: 50_000, ganSteps: 100_000, batch: 64, width: 64, samples: 10_000 },
};

function curves(result: TrainResult, keys: string[], title: string): RichOutput {
  const h = result.history;
  return lineChart(keys.filter((k) => h.metrics[k]).map((k) => ({ name: k, x: h.steps, y: h.metrics[k] })), { title, xLabel: 'step' });
}

function metricsTable(rows: [string, GenerativeReport][]): RichOutput {
  const cols = ['model', 'FID ↓', 'KID ↓', 'precision ↑', 'recall ↑', 'diversity (gen/real)', 'nearest-real distance'];
  const cell = (r: GenerativeReport) => [r.fid.toFixed(3), `${r.kid.mean.toFixed(4)} ± ${r.kid.std.toFixed(4)}`, r.precision.toFixed(3), r.recall.toFixed(3),
    r.diversity.ratio.toFixed(3), r.memorisation.meanNearestReal.toFixed(3)];
  const text = [cols.join(' | '), ...rows.map(([name, r]) => [name, ...cell(r)].join(' | '))].join('\n');
  const html = `<table><tr>${cols.map((c) => `<th>${escapeXml(c)}</th>`).join('')}</tr>${rows.map(([name, r]) => `<tr><td>${escapeXml(name)}</td>${cell(r).map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`).join('')}</table>`;
  return new RichOutput({ 'text/html': html, 'text/plain': text });
}

export const generativeStage: Stage = {
  id: 'generative',
  title: 'Generative models: VAE and conditional SAGAN',
  description: 'A conv VAE and a class-conditional Self-Attention GAN (spectral norm, hinge loss, TTUR) trained on the training identities; samples, curves, and FID / KID / precision / recall against held-out real faces in the feature space of an in-project face classifier. The GAN is handed to the FaceNet stage.',
  async run(ctx) {
    const { config, rng } = ctx;
    const r = bySize(config.profile, RUN);
    const faces = await loadStudyFaces(config, rng.derive('faces').seedInt());
    const numClasses = new Set(faces.train.labels).size;
    const data = (label: string) => tensorBatches(faces.train.images, faces.train.labels, rng.derive(label));
    const trainOpts = (label: string, steps: number) => ({ steps, batchSize: r.batch, seed: rng.derive(label).seedInt(), sampleEvery: 0, view: 'auto' as const, label });
    const clf = featureClassifier({ imageSize: faces.size, numClasses, seed: rng.derive('clf').seedInt() });
    const model = vae({ imageSize: faces.size, width: r.width, seed: rng.derive('vae').seedInt() });
    const gan = sagan({ imageSize: faces.size, numClasses, width: r.width, seed: rng.derive('gan').seedInt() });
    let handedOver = false;
    try {
      await train(clf, data('clf-data'), trainOpts('feature classifier', r.clfSteps));
      const features = (x: tf.Tensor4D) => { const f = tf.tidy(() => clf.features(x)); const a = f.arraySync() as number[][]; f.dispose(); return a; };
      const realFeatures = features(faces.test.images);
      const labelsFor = (n: number) => Int32Array.from({ length: n }, (_, i) => i % numClasses);
      const score = (images: tf.Tensor4D) => generativeReport(realFeatures, features(images), { seed: rng.derive('kid').seedInt(), kidSubsets: 20 });
      const untrainedGan = gan.sample(r.samples, 1, labelsFor(r.samples));
      const untrainedVae = model.sample(r.samples, 1);
      const before = { gan: score(untrainedGan), vae: score(untrainedVae) };
      tf.dispose([untrainedGan, untrainedVae]);

      const vaeRun = await train(model, data('vae-data'), trainOpts('VAE', r.vaeSteps));
      const ganRun = await train(gan, data('gan-data'), trainOpts('conditional SAGAN', r.ganSteps));
      const vaeSamples = model.sample(r.samples, 2);
      const ganSamples = gan.sample(r.samples, 2, labelsFor(r.samples));
      const after = { vae: score(vaeSamples), gan: score(ganSamples) };
      const realSubset = tf.slice(faces.train.images, [0, 0, 0, 0], [Math.min(r.samples, faces.train.labels.length), -1, -1, -1]) as tf.Tensor4D;
      const realRow = score(realSubset);
      realSubset.dispose();
      const originals = tf.slice(faces.test.images, [0, 0, 0, 0], [8, -1, -1, -1]) as tf.Tensor4D;
      const recon = model.reconstruct(originals);
      const pairs = tf.concat([originals, recon]) as tf.Tensor4D;
      const byIdentity = gan.sample(48, 3, Int32Array.from({ length: 48 }, (_, i) => Math.floor(i / 6)));
      const outputs = [
        { caption: 'VAE samples (the article\'s "blurry" VAE faces)', output: imageGrid(tf.slice(vaeSamples, [0, 0, 0, 0], [32, -1, -1, -1]) as tf.Tensor4D, { cols: 8 }) },
        { caption: 'VAE: held-out faces (top) and their reconstructions (bottom)', output: imageGrid(pairs, { cols: 8 }) },
        { caption: 'VAE losses', output: curves(vaeRun, Object.keys(vaeRun.history.metrics), 'VAE training') },
        { caption: 'Conditional SAGAN: rows are identities 0–7, six draws each', output: imageGrid(byIdentity, { cols: 6 }) },
        { caption: 'SAGAN losses and attention gates', output: curves(ganRun, Object.keys(ganRun.history.metrics), 'SAGAN training') },
        { caption: 'FID / KID / precision / recall in the classifier\'s feature space, vs held-out real faces (untrained = the same networks at step 0; real = training faces, a floor)', output: metricsTable([
          ['VAE, untrained', before.vae], ['VAE', after.vae], ['SAGAN, untrained', before.gan], ['SAGAN', after.gan], ['real training faces', realRow],
        ]) },
      ];
      tf.dispose([vaeSamples, ganSamples, originals, recon, pairs, byIdentity]);
      ctx.artifacts.set(CONDITIONAL_GAN, gan);
      handedOver = true;
      return {
        outputs,
        numbers: { faces: faces.source, steps: r, before, after, real: realRow, finalLosses: { vae: Object.fromEntries(Object.entries(vaeRun.history.metrics).map(([k, v]) => [k, v[v.length - 1]])), gan: Object.fromEntries(Object.entries(ganRun.history.metrics).map(([k, v]) => [k, v[v.length - 1]])) } },
      };
    } finally {
      clf.dispose?.();
      model.dispose();
      if (!handedOver) gan.dispose();
      disposeStudyFaces(faces);
    }
  },
};
