/**
 * `mlbench doctor` names every optional part and, with PATH and the environment changed so that
 * each part is missing in turn, says it is missing and gives the command that enables it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDoctor, type DoctorCheck } from '../../../harness/system/doctor.js';
import { mlbench, ROOT } from '../../helpers/cli.js';

const IDS = ['python-peers', 'chromium', 'webgpu', 'nvidia', 'tfjs-node', 'cuda-ep', 'rapl', 'perf'];
const empty = mkdtempSync(path.join(tmpdir(), 'mlbench-doctor-'));
const paranoid = path.join(empty, 'paranoid');
writeFileSync(paranoid, '3\n');
/** Every part hidden: an empty PATH, a missing interpreter, no Vulkan driver, no powercap, strict perf. */
const HIDDEN: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: empty,
  MLBENCH_PYTHON: path.join(empty, 'python3'),
  VK_ICD_FILENAMES: path.join(empty, 'none.json'),
  VK_DRIVER_FILES: path.join(empty, 'none.json'),
  MLBENCH_POWERCAP_DIR: empty,
  MLBENCH_PERF_PARANOID_FILE: paranoid,
  LD_LIBRARY_PATH: '',
};

const byId = (checks: DoctorCheck[]) => Object.fromEntries(checks.map((c) => [c.id, c]));

describe('mlbench doctor', () => {
  it('names every part with what it found (--json), and a fix for each missing one', () => {
    const r = mlbench(['doctor', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { checks, systemPartsLine } = JSON.parse(r.stdout) as { checks: DoctorCheck[]; systemPartsLine: string };
    expect(checks.map((c) => c.id)).toEqual(IDS);
    for (const c of checks) expect(c.ok ? c.fix === null : (c.fix ?? '').length > 5, c.id).toBe(true);
    expect(systemPartsLine).toBe('sudo bash deploy/install-optional-parts.sh');
    const script = readFileSync(path.join(ROOT, 'deploy', 'install-optional-parts.sh'), 'utf8');
    for (const pkg of ['python3-sklearn', 'python3-xgboost', 'chromium', 'mesa-vulkan-drivers', 'bookworm-backports'])
      expect(script).toContain(pkg);
    // The README's set-up and CI run the same line.
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(systemPartsLine);
    expect(readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toContain('deploy/install-optional-parts.sh');
  }, 120_000);

  it('reports each part missing, with its enabling command, when PATH and the environment hide it', () => {
    const checks = byId(runDoctor(HIDDEN));
    for (const id of ['python-peers', 'chromium', 'webgpu', 'nvidia', 'cuda-ep', 'rapl', 'perf'])
      expect(checks[id]!.ok, id).toBe(false);
    expect(checks['python-peers']!.fix).toContain('apt-get install -y python3-sklearn python3-xgboost');
    expect(checks['python-peers']!.detail).toContain(path.join(empty, 'python3'));
    expect(checks.chromium!.fix).toBe('sudo apt-get install -y chromium');
    expect(checks.webgpu!.fix).toContain('mesa-vulkan-drivers');
    expect(checks.nvidia!.fix).toMatch(/nvidia-driver.*none exists offline/);
    expect(checks['cuda-ep']!.fix).toContain('none exists offline');
    expect(checks.rapl!.detail).toContain(empty);
    expect(checks.perf!.fix).toBe('sudo sysctl kernel.perf_event_paranoid=2');
  }, 60_000);

  it('finds what this machine has installed (peers, Chromium, the llvmpipe adapter as software)', () => {
    const checks = byId(runDoctor());
    if (checks['python-peers']!.ok) expect(checks['python-peers']!.detail).toMatch(/Python \d/);
    if (checks.webgpu!.ok) expect(checks.webgpu!.detail).toMatch(/^(software adapter \(not a GPU|hardware adapter)/);
    if (checks.chromium!.ok) expect(path.isAbsolute(checks.chromium!.detail)).toBe(true);
  }, 60_000);
});
