/// <reference lib="dom" />
/**
 * Runs the renderer in Debian's Chromium through playwright-core: bundles it (once per test
 * process), serves the bundle and the harness page over loopback HTTP (module scripts need it),
 * and hands out pages. A missing Chromium fails the tests with the package to install.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleRenderer } from '../../../extension/src/build';
import { HARNESS_HTML } from './harness';

export const REPO = resolve(__dirname, '..', '..', '..');
export const ARTIFACTS = join(REPO, 'test-artifacts');
export const CHROMIUM = process.env.SYNTHLAB_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

let bundled: Promise<string> | undefined;

/** The renderer bundled as the extension ships it, into test-artifacts/renderer-bundle. */
export function rendererBundleDir(): Promise<string> {
  const outdir = join(ARTIFACTS, 'renderer-bundle');
  bundled ??= bundleRenderer({ outdir, minify: true }).then(() => outdir);
  return bundled;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

function serve(dir: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/' || path === '/harness.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(HARNESS_HTML);
      return;
    }
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404).end(); return; }
    // Cacheable: pages of one harness share a browser context, so plotly's chunk loads once.
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' }).end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

export interface RenderSpec {
  id: string;
  mime: string;
  /** The payload; or `text` for raw (e.g. malformed) JSON. */
  json?: unknown;
  text?: string;
  /** The output element's id (default `out-<id>`): a different host means a fresh element. */
  host?: string;
}

export interface Harness {
  newPage(theme?: 'light' | 'dark'): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: the renderer tests need Debian's "chromium" package ` +
      '(apt-get install -y chromium; `npm test` installs it), or set SYNTHLAB_CHROMIUM to a Chromium binary.');
  }
  const dir = await rendererBundleDir();
  const { server, url } = await serve(dir);
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  } catch (e) {
    server.close();
    throw e;
  }
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  return {
    async newPage(theme = 'light') {
      const page = await context.newPage();
      page.on('dialog', (d) => { void page.evaluate('window.__xss++'); void d.dismiss(); });
      await page.goto(`${url}/harness.html?theme=${theme}`);
      await page.waitForFunction('window.ready === true');
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

export async function render(page: Page, spec: RenderSpec): Promise<void> {
  await page.evaluate((s) => (window as unknown as { render(s: RenderSpec): Promise<void> }).render(s), spec);
}

/** Uncaught errors and unhandled rejections seen by the page (must stay empty). */
export function pageErrors(page: Page): Promise<string[]> {
  return page.evaluate('window.__errors') as Promise<string[]>;
}

export async function screenshot(page: Page, selector: string, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.locator(selector).screenshot({ path });
  return path;
}
