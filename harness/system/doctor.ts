/**
 * `mlbench doctor`: every optional part of this machine that mlbench can use, whether it is
 * present, and for each missing part the one command that enables it on Debian/Ubuntu (or that
 * none exists offline). Each check reads the real thing (an interpreter's imports, a binary on the
 * PATH, a WebGPU adapter from Dawn in a child process, sysfs files), so a test can hide a part by
 * changing PATH and the environment alone.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DEFAULT_PYTHONS, choosePython } from '../train/peer-python.js';

export interface DoctorCheck {
  id: 'python-peers' | 'chromium' | 'webgpu' | 'nvidia' | 'tfjs-node' | 'cuda-ep' | 'rapl' | 'perf';
  /** What it enables, in words. */
  part: string;
  ok: boolean;
  /** What was found (interpreter and version, adapter, path), or what is missing. */
  detail: string;
  /** The one command that enables it on Debian/Ubuntu, or a sentence saying none exists offline; null when ok. */
  fix: string | null;
}

/** The modules of the Python peers (peers/*.py `# mlbench-requires:` lines). */
export const PEER_MODULES = ['numpy', 'scipy', 'sklearn', 'xgboost'];

/**
 * The one line that installs the optional system parts (peers, Chromium, Vulkan/llvmpipe, from
 * bookworm-backports on bookworm) on Debian/Ubuntu; the README gives it and .ci/run runs the script.
 */
export const SYSTEM_PARTS_LINE = 'sudo bash deploy/install-optional-parts.sh';

/** First executable `name` on `PATH` (env), or null. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // next folder
    }
  }
  return null;
}

function pythonPeers(env: NodeJS.ProcessEnv): DoctorCheck {
  const choice = choosePython(PEER_MODULES, '', env);
  const part = 'Python peers (scikit-learn, XGBoost: "how far behind Python is it?")';
  if (choice.python !== null)
    return {
      id: 'python-peers',
      part,
      ok: true,
      detail: `${choice.python} (Python ${choice.version ?? '?'}, chosen by ${choice.chosenBy}) imports ${PEER_MODULES.join(', ')}`,
      fix: null,
    };
  const tried = env.MLBENCH_PYTHON?.trim() ? [env.MLBENCH_PYTHON.trim()] : DEFAULT_PYTHONS;
  return {
    id: 'python-peers',
    part,
    ok: false,
    detail: `${choice.reason.split('. ')[0]} (tried ${tried.join(', ')})`,
    fix: 'sudo apt-get install -y python3-sklearn python3-xgboost   (or MLBENCH_PYTHON=<python with numpy, scipy, sklearn, xgboost>)',
  };
}

function chromium(env: NodeJS.ProcessEnv): DoctorCheck {
  const found = ['chromium', 'chromium-browser', 'google-chrome'].map((n) => onPath(n, env)).find(Boolean);
  const part = "Chromium (browser host, the report's browser test)";
  return found
    ? { id: 'chromium', part, ok: true, detail: found, fix: null }
    : {
        id: 'chromium',
        part,
        ok: false,
        detail: 'no chromium, chromium-browser or google-chrome on the PATH',
        fix: 'sudo apt-get install -y chromium',
      };
}

/** Asks Dawn (the `webgpu` package) for an adapter in a child process, so a crash or hang costs only the check. */
function webgpu(env: NodeJS.ProcessEnv): DoctorCheck {
  const part = 'WebGPU adapter via Vulkan (ort-node:webgpu, tfjs:webgpu)';
  const fix =
    "sudo apt-get install -y -t bookworm-backports mesa-vulkan-drivers libvulkan1   (Mesa 25 llvmpipe; on Ubuntu 24.04 drop -t bookworm-backports; for a GPU, its vendor's Vulkan driver)";
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('webgpu');
  } catch {
    return {
      id: 'webgpu',
      part,
      ok: false,
      detail: 'the optional npm package webgpu is not installed',
      fix: 'npm install webgpu',
    };
  }
  const code = `const { create, globals } = await import(${JSON.stringify(entry)}); Object.assign(globalThis, globals);
const a = await create([]).requestAdapter();
process.stdout.write('\\n@@' + JSON.stringify(a ? { vendor: a.info.vendor, architecture: a.info.architecture, description: a.info.description, fallback: Boolean(a.isFallbackAdapter ?? a.info.isFallbackAdapter) } : null) + '\\n'); process.exit(0);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    timeout: 30_000,
    env,
  });
  const line = (r.stdout ?? '').split('\n').find((l) => l.startsWith('@@'));
  const adapter = line
    ? (JSON.parse(line.slice(2)) as {
        vendor: string;
        architecture: string;
        description: string;
        fallback: boolean;
      } | null)
    : null;
  if (!adapter) {
    const why = r.error
      ? r.error.message
      : ((r.stderr ?? '')
          .split('\n')
          .find((l) => /no drivers|failed|error/i.test(l))
          ?.trim() ?? 'no adapter');
    return { id: 'webgpu', part, ok: false, detail: `no WebGPU adapter (${why})`, fix };
  }
  const software =
    adapter.fallback ||
    /llvmpipe|swiftshader|lavapipe|software/i.test(`${adapter.architecture} ${adapter.description}`);
  return {
    id: 'webgpu',
    part,
    ok: true,
    detail:
      `${software ? 'software adapter (not a GPU; never ranked as one)' : 'hardware adapter'}: ${adapter.vendor} ${adapter.description}`.trim(),
    fix: null,
  };
}

function nvidia(env: NodeJS.ProcessEnv): DoctorCheck {
  const part = 'NVIDIA driver (nvidia-smi: GPU facts, ort-node:cuda)';
  const smi = onPath('nvidia-smi', env);
  if (!smi)
    return {
      id: 'nvidia',
      part,
      ok: false,
      detail: 'nvidia-smi not on the PATH',
      fix: 'sudo apt-get install -y nvidia-driver   (needs an NVIDIA GPU and the non-free component; none exists offline)',
    };
  const r = spawnSync(smi, ['--query-gpu=name,driver_version', '--format=csv,noheader'], {
    encoding: 'utf8',
    timeout: 15_000,
    env,
  });
  return r.status === 0 && r.stdout.trim()
    ? { id: 'nvidia', part, ok: true, detail: r.stdout.trim().split('\n').join('; '), fix: null }
    : {
        id: 'nvidia',
        part,
        ok: false,
        detail: `${smi} failed: ${(r.stderr || r.stdout || r.error?.message || '').trim().split('\n')[0]}`,
        fix: 'sudo apt-get install -y nvidia-driver && sudo reboot   (none exists offline)',
      };
}

function tfjsNode(): DoctorCheck {
  const part = "tfjs-node (tfjs-node:tensorflow, TensorFlow's C library)";
  try {
    return {
      id: 'tfjs-node',
      part,
      ok: true,
      detail: createRequire(import.meta.url).resolve('@tensorflow/tfjs-node'),
      fix: null,
    };
  } catch {
    return {
      id: 'tfjs-node',
      part,
      ok: false,
      detail: '@tensorflow/tfjs-node is not installed',
      fix: 'npm install @tensorflow/tfjs-node   (downloads libtensorflow; none exists offline)',
    };
  }
}

/** The CUDA execution provider: onnxruntime-node's provider library and CUDA 12 / cuDNN 9 on the loader's path. */
function cudaEp(env: NodeJS.ProcessEnv): DoctorCheck {
  const part = 'CUDA execution provider libraries (ort-node:cuda)';
  let providers = false;
  try {
    const root = path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json'));
    const walk = (dir: string): boolean =>
      readdirSync(dir, { withFileTypes: true }).some((d) =>
        d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.startsWith('libonnxruntime_providers_cuda'),
      );
    providers = existsSync(path.join(root, 'bin')) && walk(path.join(root, 'bin'));
  } catch {
    providers = false;
  }
  const ld = spawnSync('ldconfig', ['-p'], { encoding: 'utf8', env }).stdout ?? '';
  const extra = (env.LD_LIBRARY_PATH ?? '')
    .split(':')
    .filter(Boolean)
    .flatMap((d) => {
      try {
        return readdirSync(d);
      } catch {
        return [];
      }
    })
    .join('\n');
  const missing = [
    ...(providers ? [] : ['libonnxruntime_providers_cuda.so (onnxruntime-node installed without CUDA)']),
    ...['libcudart.so.12', 'libcudnn.so.9'].filter((lib) => !ld.includes(lib) && !extra.includes(lib)),
  ];
  return missing.length === 0
    ? {
        id: 'cuda-ep',
        part,
        ok: true,
        detail: 'onnxruntime CUDA provider, CUDA 12 runtime and cuDNN 9 found',
        fix: null,
      }
    : {
        id: 'cuda-ep',
        part,
        ok: false,
        detail: `missing: ${missing.join(', ')}`,
        fix: 'ONNXRUNTIME_NODE_INSTALL_CUDA=v12 npm rebuild onnxruntime-node && sudo apt-get install -y nvidia-cuda-toolkit nvidia-cudnn   (needs an NVIDIA GPU and internet; none exists offline)',
      };
}

/** RAPL energy counters (Intel/AMD package energy) under the powercap folder (MLBENCH_POWERCAP_DIR overrides /sys/class/powercap). */
function rapl(env: NodeJS.ProcessEnv): DoctorCheck {
  const part = 'RAPL energy counters (joules per job)';
  const dir = env.MLBENCH_POWERCAP_DIR ?? '/sys/class/powercap';
  let zones: string[] = [];
  try {
    zones = readdirSync(dir).filter((z) => /rapl/.test(z));
  } catch {
    zones = [];
  }
  const readable = zones.filter((z) => {
    try {
      readFileSync(path.join(dir, z, 'energy_uj'), 'utf8');
      return true;
    } catch {
      return false;
    }
  });
  if (readable.length)
    return { id: 'rapl', part, ok: true, detail: `${readable.length} zone(s) readable in ${dir}`, fix: null };
  return zones.length
    ? {
        id: 'rapl',
        part,
        ok: false,
        detail: `${zones.length} RAPL zone(s) in ${dir}, energy_uj not readable`,
        fix: `sudo chmod o+r ${dir}/intel-rapl:*/energy_uj`,
      }
    : {
        id: 'rapl',
        part,
        ok: false,
        detail: `no RAPL zone in ${dir} (a VM or a CPU without RAPL)`,
        fix: 'sudo modprobe intel_rapl_common   (on bare metal; a VM has none and no command enables it)',
      };
}

/** Hardware performance counters: perf_event_paranoid ≤ 2 (MLBENCH_PERF_PARANOID_FILE overrides the /proc path). */
function perf(env: NodeJS.ProcessEnv): DoctorCheck {
  const part = 'perf counters (instructions, cycles per job)';
  const file = env.MLBENCH_PERF_PARANOID_FILE ?? '/proc/sys/kernel/perf_event_paranoid';
  let level: number | null = null;
  try {
    level = Number(readFileSync(file, 'utf8').trim());
  } catch {
    level = null;
  }
  if (level === null || Number.isNaN(level))
    return {
      id: 'perf',
      part,
      ok: false,
      detail: `${file} not readable (kernel without perf events)`,
      fix: 'none exists offline: the kernel was built without perf events',
    };
  return level <= 2
    ? { id: 'perf', part, ok: true, detail: `perf_event_paranoid = ${level}`, fix: null }
    : {
        id: 'perf',
        part,
        ok: false,
        detail: `perf_event_paranoid = ${level} (user counters blocked)`,
        fix: 'sudo sysctl kernel.perf_event_paranoid=2',
      };
}

/** Runs every check, in the order doctor prints them. */
export function runDoctor(env: NodeJS.ProcessEnv = process.env): DoctorCheck[] {
  return [pythonPeers(env), chromium(env), webgpu(env), nvidia(env), tfjsNode(), cudaEp(env), rapl(env), perf(env)];
}
