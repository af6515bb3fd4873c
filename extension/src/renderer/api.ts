/// <reference lib="dom" />
/**
 * The slice of VS Code's notebook renderer API (`vscode-notebook-renderer`) that we use,
 * declared here so the renderer has no runtime or type dependency on VS Code.
 */
import type { SynthlabMime } from '../../../kernel-lib/src/display/mime';

/** One output item as VS Code hands it to `renderOutputItem`. */
export interface OutputItem {
  /** The output's id: stays the same when the kernel updates a display in place. */
  readonly id: string;
  readonly mime: string;
  readonly metadata: unknown;
  text(): string;
  json(): unknown;
  data(): Uint8Array;
}

export interface Disposable { dispose(): void }

/** What `activate` receives. Messaging members exist when the extension host side runs. */
export interface RendererContext {
  postMessage?(message: unknown): void;
  onDidReceiveMessage?(listener: (message: unknown) => void): Disposable;
  readonly workspace?: { readonly isTrusted: boolean };
}

export interface RendererApi {
  renderOutputItem(item: OutputItem, element: HTMLElement, signal?: AbortSignal): Promise<void>;
  disposeOutputItem(id?: string): void;
}

/** Services a view gets from the renderer entry. */
export interface ViewEnv {
  /** Where the view's DOM lives. */
  readonly document: Document;
  /** Hands a PNG to the user: a save dialog through the host, else a browser download. */
  savePng(fileName: string, dataUrl: string): void;
}

/** One live output: created once per output id, then updated in place. */
export interface View<P> {
  readonly root: HTMLElement;
  /** Draws (first call) or redraws (later calls: keep zoom, frame, toggles) a validated payload. */
  update(payload: P): Promise<void>;
  /** The view as a PNG data URL, as the user sees it now. */
  toPng(): Promise<string>;
  dispose(): void;
}

/** One output kind: adding a MIME type means adding one module that exports one of these. */
export interface ViewKind<P> {
  readonly mime: SynthlabMime;
  create(env: ViewEnv): View<P>;
}
