/** The embedded face set (DigiFace-style procedural identities): what it looks like and holds. */
import { identityGrid } from '../../images';
import { augment, defaultAugmentation } from '../../images/augment';
import { imageGrid } from '../../display/image-grid';
import * as tf from '../../tf';
import type { Stage } from '../stage';
import { disposeStudyFaces, loadStudyFaces } from '../faces-data';

export const facesStage: Stage = {
  id: 'faces',
  title: 'Face data: procedural identities',
  description: 'The embedded labelled face set (traits per identity; pose, light, expression, background, blur and noise per image), split into training and held-out identities, and the classic augmentations of the article\'s "augmented" arm.',
  async run({ config, rng }) {
    const faces = await loadStudyFaces(config, rng.derive('faces').seedInt());
    try {
      const grid = await identityGrid(faces.dataset, { identities: 6, perIdentity: 8, seed: 1 });
      const sample = tf.tidy(() => tf.slice(faces.train.images, [0, 0, 0, 0], [Math.min(8, faces.train.labels.length), -1, -1, -1]) as tf.Tensor4D);
      const augmented = augment(sample, defaultAugmentation(), rng.derive('augment'));
      const both = tf.concat([sample, augmented]) as tf.Tensor4D;
      const augGrid = imageGrid(both, { cols: sample.shape[0], title: 'top: originals, bottom: augmented (flip, crop, rotation, colour jitter, blur, noise, cutout)' });
      tf.dispose([sample, augmented, both]);
      return {
        outputs: [
          { caption: `Rows are identities, columns are images of that identity — ${faces.source}`, output: grid },
          { caption: 'Classic augmentation (the article\'s "augmented data" arm)', output: augGrid },
        ],
        numbers: {
          source: faces.source, size: faces.size,
          trainImages: faces.train.labels.length, trainIdentities: new Set(faces.train.labels).size,
          testImages: faces.test.labels.length, testIdentities: new Set(faces.test.labels).size,
        },
      };
    } finally {
      disposeStudyFaces(faces);
    }
  },
};
