/**
 * Synthlab's notebook renderer entry: VS Code imports this module and calls `activate`.
 * Drawing lives in one module per output kind (views/); live views are kept by output id.
 */
import { parseHostMessage, type RendererToHost } from '../protocol';
import type { RendererApi, RendererContext, ViewEnv } from './api';
import { OutputViews } from './outputs';

export function activate(context: RendererContext = {}): RendererApi {
  const post = (message: RendererToHost) => context.postMessage?.(message);
  const envFor = (doc: Document): ViewEnv => ({
    document: doc,
    savePng(fileName, dataUrl) {
      if (context.postMessage) { post({ type: 'synthlab.savePng', fileName, dataUrl }); return; }
      const a = doc.createElement('a'); // outside VS Code (tests, plain pages): a download
      a.download = fileName;
      a.href = dataUrl;
      a.click();
    },
  });
  const views = new OutputViews(envFor, (outputId, mime) => post({ type: 'synthlab.rendered', outputId, mime }));

  // The host's "Export Output as PNG" asks for the view as the user sees it.
  context.onDidReceiveMessage?.((raw) => {
    const msg = parseHostMessage(raw);
    if (!msg) return;
    const view = views.view(msg.outputId);
    if (!view) { post({ type: 'synthlab.exportResult', requestId: msg.requestId, error: 'no Synthlab view for this output is on screen' }); return; }
    view.toPng().then(
      (dataUrl) => post({ type: 'synthlab.exportResult', requestId: msg.requestId, dataUrl }),
      (e: unknown) => post({ type: 'synthlab.exportResult', requestId: msg.requestId, error: e instanceof Error ? e.message : String(e) }),
    );
  });

  return {
    renderOutputItem: (item, element, signal) => views.render(item, element, signal),
    disposeOutputItem: (id) => views.dispose(id),
  };
}
