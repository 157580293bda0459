import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator } from 'playwright-core';
import { REPO } from './run';

/** Debian's Chromium, driven by playwright-core (a test tool's own browser download does not work here). */
export const CHROMIUM = process.env.CHOKEPOINT_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Browser tests run wherever Chromium is installed; in CI it must be (.ci/run installs it). */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium (see .ci/run)`);
  // eslint-disable-next-line no-console
  console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Screenshots go to .ci-artifacts/screenshots, which .ci/run lists in its log. */
export const SCREENSHOTS = join(REPO, '.ci-artifacts', 'screenshots');
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

export const BIN = join(REPO, 'packages', 'cli', 'dist', 'bin.js');

export interface Served {
  url: string;
  process: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts `chokepoint view <report> --port 0` as a real process and waits for its address. */
export function serve(report: string, ...flags: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'view', report, '--port', '0', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no address from chokepoint view: ${out}${err}`)), 20000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Chokepoint viewer: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], process: child, stdout: () => out, stderr: () => err, exited });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`chokepoint view exited with ${code}: ${out}${err}`));
    });
  });
}

/** Waits up to 10 s for `check`, then fails with what was expected and what was there. */
export async function until(check: () => Promise<boolean>, what: () => Promise<string>): Promise<void> {
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${await what()}`);
}
export const text = async (l: Locator) => ((await l.textContent()) ?? '').trim();
export const hasText = (l: Locator, want: string) => until(async () => (await text(l)) === want, async () => `text ${JSON.stringify(want)}, got ${JSON.stringify(await text(l))}`);
export const containsText = (l: Locator, want: string | RegExp) =>
  until(
    async () => (typeof want === 'string' ? (await text(l)).includes(want) : want.test(await text(l))),
    async () => `text containing ${String(want)}, got ${JSON.stringify((await text(l)).slice(0, 300))}`,
  );
