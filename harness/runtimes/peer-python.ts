/**
 * The interpreter of the Python peers (`external:peers/x.py`). A `python3` found first on the
 * PATH (a pyenv or venv shim) often lacks the libraries that Debian's python3-sklearn and
 * python3-xgboost put in /usr/bin/python3, so the interpreter is chosen, never assumed:
 * - the setting `peers.python` or else the environment variable MLBENCH_PYTHON, used alone;
 * - otherwise the first of `python3` and `/usr/bin/python3` that imports every module the peer
 *   declares on its `# mlbench-requires: numpy sklearn` line.
 * When none does, the reason names each interpreter tried and what it lacked.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Interpreters tried, in order, when none is chosen. */
export const DEFAULT_PYTHONS = ['python3', '/usr/bin/python3'];

const INSTALL =
  'apt-get install python3-sklearn python3-xgboost, or choose the interpreter with MLBENCH_PYTHON or --set peers.python=<path>';

/** The modules a peer script declares (`# mlbench-requires: a b c`); none when it declares none. */
export function requiredModules(script: string): string[] {
  let text = '';
  try {
    text = readFileSync(script, 'utf8');
  } catch {
    return [];
  }
  const m = /^#\s*mlbench-requires:(.*)$/m.exec(text);
  return m
    ? m[1]!
        .trim()
        .split(/[\s,]+/)
        .filter(Boolean)
    : [];
}

/** What one interpreter lacks of `modules` (empty = has them all), or why it cannot run. */
export function probePython(
  python: string,
  modules: string[],
): { missing: string[]; version: string | null; problem?: string } {
  const code =
    'import importlib.util as u, json, platform, sys\n' +
    'mods = json.loads(sys.argv[1])\n' +
    'print(json.dumps({"version": platform.python_version(), "missing": [m for m in mods if u.find_spec(m.split(".")[0]) is None]}))';
  const r = spawnSync(python, ['-c', code, JSON.stringify(modules)], { encoding: 'utf8', timeout: 20_000 });
  if (r.error) return { missing: modules, version: null, problem: `cannot start ${python}: ${r.error.message}` };
  try {
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as { version: string; missing: string[] };
    return { missing: out.missing, version: out.version };
  } catch {
    return {
      missing: modules,
      version: null,
      problem: `${python} exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').pop() ?? ''}`,
    };
  }
}

/** The chosen interpreter, or why there is none. `chosenBy` says where the choice came from. */
export type PythonChoice =
  | { python: string; chosenBy: 'peers.python' | 'MLBENCH_PYTHON' | 'search'; version: string | null }
  | { python: null; reason: string };

/**
 * Chooses the interpreter for a peer that needs `modules`: the setting (or MLBENCH_PYTHON) when
 * given, else the first of DEFAULT_PYTHONS that has them all.
 */
export function choosePython(modules: string[], setting = '', env: NodeJS.ProcessEnv = process.env): PythonChoice {
  const chosen = setting.trim()
    ? { python: setting.trim(), by: 'peers.python' as const }
    : env.MLBENCH_PYTHON?.trim()
      ? { python: env.MLBENCH_PYTHON.trim(), by: 'MLBENCH_PYTHON' as const }
      : null;
  const tried = chosen ? [chosen.python] : DEFAULT_PYTHONS;
  const lacks: string[] = [];
  for (const python of tried) {
    const p = probePython(python, modules);
    if (!p.problem && p.missing.length === 0) return { python, chosenBy: chosen?.by ?? 'search', version: p.version };
    lacks.push(p.problem ?? `${python} (Python ${p.version}) lacks ${p.missing.join(', ')}`);
  }
  return {
    python: null,
    reason: `no Python interpreter with ${modules.join(', ')}${chosen ? ` (chosen by ${chosen.by})` : ''}: ${lacks.join('; ')}. ${INSTALL}`,
  };
}
