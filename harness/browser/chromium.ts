/**
 * Finding and starting Chromium for the browser host. The executable is MLBENCH_CHROMIUM, else the first of chromium, chromium-browser, google-chrome(-stable) on
 * PATH; none is `unavailable` with the install command. Each start is a fresh headless browser
 * with a fresh profile (playwright-core's launch makes a new temporary user-data-dir and removes
 * it at close) and the flags below, which keep it off the network: without the
 * background-networking flags a sandboxed machine's refused connections stall it.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { PageBackend } from './wire.js';

/** How to install the browser (Debian/Ubuntu; CI's .ci/run does this). */
export const CHROMIUM_INSTALL = 'apt-get install chromium';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** Flags of every start: headless, no sandbox (containers), nothing fetched from the network. */
export const BASE_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-extensions',
];

/** Extra flags per backend: WebGL may fall back to SwiftShader only when asked; WebGPU is behind a flag on Linux. */
export function flagsFor(backend: PageBackend): string[] {
  if (backend === 'webgl') return [...BASE_FLAGS, '--enable-unsafe-swiftshader'];
  if (backend === 'webgpu') return [...BASE_FLAGS, '--enable-unsafe-webgpu', '--enable-features=Vulkan'];
  return BASE_FLAGS;
}

function executableOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* next */
    }
  }
  return null;
}

/** The Chromium to use, or why there is none (with the install command). */
export function findChromium(): { executable: string } | { reason: string } {
  const given = process.env.MLBENCH_CHROMIUM ?? '';
  if (given) {
    try {
      accessSync(given, constants.X_OK);
      return { executable: given };
    } catch {
      return {
        reason: `the Chromium executable ${given} (MLBENCH_CHROMIUM) is missing or not executable; install Chromium: ${CHROMIUM_INSTALL}`,
      };
    }
  }
  for (const name of CANDIDATES) {
    const found = executableOnPath(name);
    if (found) return { executable: found };
  }
  return {
    reason: `no Chromium found (looked for ${CANDIDATES.join(', ')} on PATH); install it: ${CHROMIUM_INSTALL}, or name one with MLBENCH_CHROMIUM=<path>`,
  };
}

/** `chromium --version` (e.g. `Chromium 156.0.8078.114 built on Debian ...`), or null. */
export function chromiumVersion(executable: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(executable, ['--version'], { timeout: 20_000 }, (err, stdout) =>
      resolve(err ? null : (stdout.trim().split('\n').pop()?.trim() ?? null)),
    );
  });
}

/** Starts a fresh headless Chromium (new temporary profile) with `flags`. */
export async function launchChromium(executable: string, flags: string[]): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // playwright adds its own --headless and --user-data-dir: pass the rest.
  return chromium.launch({
    executablePath: executable,
    headless: true,
    args: flags.filter((f) => f !== '--headless'),
    timeout: 60_000,
  });
}
