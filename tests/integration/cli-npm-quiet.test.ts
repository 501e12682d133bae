/**
 * npm prints nothing of its own on any command: no "Unknown project config" (npm 11 warns about
 * unknown keys in .npmrc), and onnxruntime-node's GPU download is refused by package.json's
 * allowScripts policy, which npm 11 reads and earlier npm ignores without a word.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

describe('npm stays quiet', () => {
  it('npx mlbench --help prints no npm warning', () => {
    const r = spawnSync('npx', ['--no-install', 'mlbench', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('Usage: mlbench');
    expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/npm (warn|WARN|notice)/);
  });

  it("denies onnxruntime-node's install script in a form npm 11 accepts", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };
    expect(pkg.allowScripts?.['onnxruntime-node']).toBe(false);
    // A project .npmrc with the package's own key is what npm 11 warns about.
    const npmrc = path.join(ROOT, '.npmrc');
    if (existsSync(npmrc)) expect(readFileSync(npmrc, 'utf8')).not.toMatch(/onnxruntime-node-install/);
  });
});
