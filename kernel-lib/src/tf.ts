/**
 * Synthlab's one entry point to tfjs. `@tensorflow/tfjs-core`'s Node bundle does not register
 * the gradients of its ops; `@tensorflow/tfjs-layers`' bundle does (for all core ops), so it is
 * imported here for that side effect. (Importing `tfjs-core/dist/register_all_gradients` instead
 * would load a second, ESM copy of tfjs-core next to the bundle and break autodiff.) Every
 * module imports tfjs from here, so gradients are always there.
 */
import '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';

export * from '@tensorflow/tfjs-core';
