/**
 * The live views of one webview, by output id. Validates each payload, updates an existing view
 * in place (an `update_display_data` for the same display), coalesces updates that arrive while
 * a draw runs, and shows an inline error instead of throwing.
 */
import { validatePayload } from '../../../kernel-lib/src/display/mime';
import type { OutputItem, View, ViewEnv } from './api';
import { errorBox } from './dom';
import { ensureStyles } from './styles';
import { VIEW_KINDS } from './views/registry';

interface Mounted { mime: string; view: View<unknown> }
interface Pending { item: OutputItem; element: HTMLElement; signal?: AbortSignal }

function readJson(item: OutputItem): { payload?: unknown; problems: string[] } {
  let payload: unknown;
  try {
    payload = item.json();
  } catch (e) {
    return { problems: [`the payload is not valid JSON (${e instanceof Error ? e.message : String(e)})`] };
  }
  return { payload, problems: validatePayload(item.mime, payload) };
}

export class OutputViews {
  private readonly mounted = new Map<string, Mounted>();
  // Per output id: the newest item not drawn yet, and the draw loop running for it.
  private readonly latest = new Map<string, Pending>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly envFor: (doc: Document) => ViewEnv,
    private readonly onFirstDraw: (outputId: string, mime: string) => void,
  ) {}

  render(item: OutputItem, element: HTMLElement, signal?: AbortSignal): Promise<void> {
    this.latest.set(item.id, { item, element, signal });
    let run = this.running.get(item.id);
    if (!run) {
      run = this.drain(item.id);
      this.running.set(item.id, run);
    }
    return run;
  }

  view(outputId: string): View<unknown> | undefined {
    return this.mounted.get(outputId)?.view;
  }

  dispose(id?: string): void {
    for (const k of id === undefined ? [...this.mounted.keys()] : [id]) {
      const m = this.mounted.get(k);
      this.mounted.delete(k);
      m?.view.dispose();
    }
  }

  private async drain(id: string): Promise<void> {
    for (let next = this.latest.get(id); next; next = this.latest.get(id)) {
      this.latest.delete(id);
      try {
        await this.draw(next);
      } catch (e) {
        // Last resort: a bug in a view must still leave a message, never a blank cell.
        this.fail(id, next.element, next.item.mime, [`internal error: ${e instanceof Error ? e.message : String(e)}`]);
      }
    }
    this.running.delete(id);
  }

  private fail(id: string, element: HTMLElement, mime: string, problems: string[]): void {
    this.dispose(id);
    element.replaceChildren(errorBox(element.ownerDocument, mime, problems));
  }

  private async draw({ item, element, signal }: Pending): Promise<void> {
    const doc = element.ownerDocument;
    ensureStyles(doc);
    const kind = VIEW_KINDS.get(item.mime);
    if (!kind) return this.fail(item.id, element, item.mime, [`this renderer does not draw ${item.mime}`]);
    const { payload, problems } = readJson(item);
    if (problems.length > 0) return this.fail(item.id, element, item.mime, problems);

    let m = this.mounted.get(item.id);
    if (m && m.mime !== item.mime) { this.dispose(item.id); m = undefined; }
    const isNew = !m;
    if (!m) {
      m = { mime: item.mime, view: kind.create(this.envFor(doc)) };
      this.mounted.set(item.id, m);
    }
    // VS Code may hand a fresh element for the same output: move the live view over.
    if (m.view.root.parentElement !== element) element.replaceChildren(m.view.root);
    try {
      await m.view.update(payload);
    } catch (e) {
      return this.fail(item.id, element, item.mime, [e instanceof Error ? e.message : String(e)]);
    }
    if (signal?.aborted) { this.dispose(item.id); return; }
    if (isNew) this.onFirstDraw(item.id, item.mime);
  }
}
