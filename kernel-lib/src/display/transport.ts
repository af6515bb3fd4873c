/**
 * How a MIME bundle reaches the notebook. tslab's public `display.raw(mime, data)` sends one
 * MIME type per message, and a library's own `require('tslab')` throws "Not ready" (only the
 * notebook's import is wired to the kernel). So we look for the kernel's live `jupyter.js`
 * module in `require.cache` and call its `lastWriteDisplayData`, which takes whole bundles and
 * `update_display_data`. That is an undocumented internal of tslab (1.0.x); a kernel test pins
 * it, and `useNotebookDisplay(tslab)` is the documented fallback when it changes.
 */
import { sep } from 'node:path';
import type { MimeBundle } from './mime';

/** The message tslab's kernel sends for `display_data` / `update_display_data`. */
interface DisplayDataMessage {
  data: MimeBundle;
  metadata: Record<string, unknown>;
  transient: { display_id: string };
}

type WriteDisplayData = (message: DisplayDataMessage, update: boolean) => void;

/** The shape of tslab's public module, as a notebook imports it (`import * as tslab from 'tslab'`). */
export interface NotebookDisplayModule {
  newDisplay(): { raw(mime: string, data: string | Uint8Array): void };
}

/** Sends bundles to a notebook; null when not inside a kernel. */
export interface Transport {
  readonly kind: 'tslab-bundle' | 'tslab-public';
  send(bundle: MimeBundle, displayId: string, update: boolean): void;
}

const JUPYTER_MODULE_SUFFIX = `${sep}tslab${sep}dist${sep}jupyter.js`;

/** The live kernel writer, looked up on every call: tslab swaps it for each executed cell. */
function kernelWriter(): WriteDisplayData | null {
  for (const key of Object.keys(require.cache)) {
    if (!key.endsWith(JUPYTER_MODULE_SUFFIX)) continue;
    const writer = (require.cache[key]?.exports as { lastWriteDisplayData?: unknown } | undefined)?.lastWriteDisplayData;
    if (typeof writer === 'function') return writer as WriteDisplayData;
  }
  return null;
}

let publicModule: NotebookDisplayModule | null = null;
const publicDisplays = new Map<string, ReturnType<NotebookDisplayModule['newDisplay']>>();

/**
 * Fallback wiring: pass the notebook's own tslab import when the bundle transport is not
 * available (a future tslab). Each output then shows its best single fallback type.
 * @example import * as tslab from 'tslab'; synthlab.display.useNotebookDisplay(tslab);
 */
export function useNotebookDisplay(tslab: NotebookDisplayModule | null): void {
  publicModule = tslab;
  publicDisplays.clear();
}

/** Richest single type a plain notebook front end can show, for the one-MIME fallback path. */
const SINGLE_TYPE_PREFERENCE = ['text/html', 'image/svg+xml', 'image/png', 'text/plain'];

/**
 * Bundles that could not be sent yet, by display id. tslab sends on a zeromq 6 socket, whose
 * `send` throws "Socket is busy writing" (EBUSY) while a previous message is still going out —
 * which happens when a training loop updates big outputs quickly. Displaying must never break
 * the computation, so a refused bundle waits here and is retried shortly; a newer bundle for
 * the same display replaces it (only the latest state matters).
 */
const pending = new Map<string, { bundle: MimeBundle; update: boolean; tries: number }>();
let retryTimer: NodeJS.Timeout | null = null;
const RETRY_MS = 25;
const MAX_TRIES = 400; // ~10 s of retries, then the bundle is dropped (a later update may still land)

function trySend(bundle: MimeBundle, displayId: string, update: boolean): boolean {
  const writer = kernelWriter();
  if (!writer) return true; // no kernel any more: nothing to deliver to
  try {
    writer({ data: bundle, metadata: {}, transient: { display_id: displayId } }, update);
    return true;
  } catch {
    return false;
  }
}

function flushPending(): void {
  retryTimer = null;
  for (const [id, p] of pending) {
    if (trySend(p.bundle, id, p.update) || ++p.tries >= MAX_TRIES) pending.delete(id);
  }
  if (pending.size > 0) scheduleRetry();
}

function scheduleRetry(): void {
  if (retryTimer) return;
  retryTimer = setTimeout(flushPending, RETRY_MS);
  retryTimer.unref?.();
}

function sendOrQueue(bundle: MimeBundle, displayId: string, update: boolean): void {
  const waiting = pending.get(displayId);
  if (waiting) {
    // Keep the first message a display_data (it creates the output); later ones update it.
    pending.set(displayId, { bundle, update: waiting.update && update, tries: 0 });
    return;
  }
  if (!trySend(bundle, displayId, update)) {
    pending.set(displayId, { bundle, update, tries: 0 });
    scheduleRetry();
  }
}

/** Bundles still waiting for the kernel's socket (for tests and diagnostics). */
export function pendingDisplays(): number {
  return pending.size;
}

export function currentTransport(): Transport | null {
  if (kernelWriter()) {
    return { kind: 'tslab-bundle', send: sendOrQueue };
  }
  const mod = publicModule;
  if (mod) {
    return {
      kind: 'tslab-public',
      send(bundle, displayId) {
        let d = publicDisplays.get(displayId);
        if (!d) {
          d = mod.newDisplay();
          publicDisplays.set(displayId, d);
        }
        const mime = SINGLE_TYPE_PREFERENCE.find((m) => typeof bundle[m] === 'string') ?? 'text/plain';
        try {
          d.raw(mime, bundle[mime] as string);
        } catch {
          // A busy kernel socket drops this frame; the next update carries the latest state.
        }
      },
    };
  }
  return null;
}

/** True when running inside a notebook kernel that can show rich outputs. */
export function inNotebook(): boolean {
  return currentTransport() !== null;
}
