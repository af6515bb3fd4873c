/**
 * Messages between the notebook renderer (webview) and the extension host. Plain data only:
 * both sides check `type` before trusting a field, since a webview message is untrusted input.
 */

/** The renderer id in package.json's `contributes.notebookRenderer`. */
export const RENDERER_ID = 'synthlab.renderer';

/** Renderer → host: the user pressed "Save PNG" in an output's toolbar. */
export interface SavePngMessage {
  type: 'synthlab.savePng';
  fileName: string;
  /** `data:image/png;base64,...` */
  dataUrl: string;
}

/** Renderer → host: an output was drawn by our renderer (lets tests and exports find views). */
export interface RenderedMessage {
  type: 'synthlab.rendered';
  outputId: string;
  mime: string;
}

/** Renderer → host: the answer to an {@link ExportRequestMessage}. */
export interface ExportResultMessage {
  type: 'synthlab.exportResult';
  requestId: string;
  dataUrl?: string;
  error?: string;
}

/** Host → renderer: render the view of `outputId` as PNG and answer with its data URL. */
export interface ExportRequestMessage {
  type: 'synthlab.exportRequest';
  requestId: string;
  outputId: string;
}

export type RendererToHost = SavePngMessage | RenderedMessage | ExportResultMessage;
export type HostToRenderer = ExportRequestMessage;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Narrows an untrusted message from the renderer; undefined when it is not one of ours. */
export function parseRendererMessage(message: unknown): RendererToHost | undefined {
  if (!isRecord(message)) return undefined;
  const str = (k: string) => typeof message[k] === 'string';
  switch (message.type) {
    case 'synthlab.savePng':
      return str('fileName') && str('dataUrl') ? (message as unknown as SavePngMessage) : undefined;
    case 'synthlab.rendered':
      return str('outputId') && str('mime') ? (message as unknown as RenderedMessage) : undefined;
    case 'synthlab.exportResult':
      return str('requestId') ? (message as unknown as ExportResultMessage) : undefined;
    default:
      return undefined;
  }
}

/** Narrows an untrusted message from the host. */
export function parseHostMessage(message: unknown): HostToRenderer | undefined {
  if (!isRecord(message) || message.type !== 'synthlab.exportRequest') return undefined;
  return typeof message.requestId === 'string' && typeof message.outputId === 'string'
    ? (message as unknown as ExportRequestMessage) : undefined;
}
