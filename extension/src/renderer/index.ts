/**
 * Synthlab's notebook renderer entry: VS Code imports this module and calls `activate`.
 * It validates each payload, keeps one view per output id (an `update_display_data` for the
 * same display updates that view in place) and shows an inline error instead of throwing.
 */
import { validatePayload } from '../../../kernel-lib/src/display/mime';
import { parseHostMessage, type RendererToHost } from '../protocol';
import type { OutputItem, RendererApi, RendererContext, View, ViewEnv } from './api';
import { errorBox } from './dom';
import { ensureStyles } from './styles';
import { VIEW_KINDS } from './views/registry';

interface Mounted { mime: string; view: View<unknown>; element: HTMLElement }
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

export function activate(context: RendererContext = {}): RendererApi {
  const mounted = new Map<string, Mounted>();
  // Per output id: the newest item not yet drawn, and the draw in progress. Updates that arrive
  // while a draw runs are coalesced into one redraw with the newest payload.
  const latest = new Map<string, Pending>();
  const running = new Map<string, Promise<void>>();

  const post = (message: RendererToHost) => context.postMessage?.(message);
  const env = (doc: Document): ViewEnv => ({
    document: doc,
    savePng(fileName, dataUrl) {
      if (context.postMessage) { post({ type: 'synthlab.savePng', fileName, dataUrl }); return; }
      const a = doc.createElement('a'); // outside VS Code (tests, plain pages): a download
      a.download = fileName;
      a.href = dataUrl;
      a.click();
    },
  });

  context.onDidReceiveMessage?.((raw) => {
    const msg = parseHostMessage(raw);
    if (!msg) return;
    const m = mounted.get(msg.outputId);
    if (!m) { post({ type: 'synthlab.exportResult', requestId: msg.requestId, error: 'no Synthlab view for this output is on screen' }); return; }
    m.view.toPng().then(
      (dataUrl) => post({ type: 'synthlab.exportResult', requestId: msg.requestId, dataUrl }),
      (e: unknown) => post({ type: 'synthlab.exportResult', requestId: msg.requestId, error: e instanceof Error ? e.message : String(e) }),
    );
  });

  function dispose(id: string): void {
    const m = mounted.get(id);
    if (!m) return;
    mounted.delete(id);
    m.view.dispose();
  }

  function fail(id: string, element: HTMLElement, mime: string, problems: string[]): void {
    dispose(id);
    element.replaceChildren(errorBox(element.ownerDocument, mime, problems));
  }

  async function draw({ item, element, signal }: Pending): Promise<void> {
    const doc = element.ownerDocument;
    ensureStyles(doc);
    const kind = VIEW_KINDS.get(item.mime);
    if (!kind) return fail(item.id, element, item.mime, [`this renderer does not draw ${item.mime}`]);
    const { payload, problems } = readJson(item);
    if (problems.length > 0) return fail(item.id, element, item.mime, problems);

    let m = mounted.get(item.id);
    if (m && m.mime !== item.mime) { dispose(item.id); m = undefined; }
    const isNew = !m;
    if (!m) {
      m = { mime: item.mime, view: kind.create(env(doc)), element };
      mounted.set(item.id, m);
    }
    // VS Code may hand a fresh element for the same output: move the live view over.
    if (m.view.root.parentElement !== element) element.replaceChildren(m.view.root);
    m.element = element;
    try {
      await m.view.update(payload);
    } catch (e) {
      return fail(item.id, element, item.mime, [e instanceof Error ? e.message : String(e)]);
    }
    if (signal?.aborted) { dispose(item.id); return; }
    if (isNew) post({ type: 'synthlab.rendered', outputId: item.id, mime: item.mime });
  }

  async function drain(id: string): Promise<void> {
    for (let next = latest.get(id); next; next = latest.get(id)) {
      latest.delete(id);
      try {
        await draw(next);
      } catch (e) {
        // Last resort: a bug in a view must still leave a message, never a blank cell.
        fail(id, next.element, next.item.mime, [`internal error: ${e instanceof Error ? e.message : String(e)}`]);
      }
    }
    running.delete(id);
  }

  return {
    renderOutputItem(item, element, signal) {
      latest.set(item.id, { item, element, signal });
      let run = running.get(item.id);
      if (!run) {
        run = drain(item.id);
        running.set(item.id, run);
      }
      return run;
    },
    disposeOutputItem(id) {
      if (id === undefined) { for (const k of [...mounted.keys()]) dispose(k); return; }
      dispose(id);
    },
  };
}
