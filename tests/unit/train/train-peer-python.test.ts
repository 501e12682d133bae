import { mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { peerCommand } from '../../../harness/runtimes/external.js';
import { choosePython, probePython, requiredModules } from '../../../harness/train/peer-python.js';
import { PROJECT_ROOT } from '../../../harness/paths.js';
import { tempDir } from '../../helpers/cli.js';

const FAKE = path.resolve(__dirname, '..', '..', 'fixtures', 'peers', 'fake-python');
const PATH = process.env.PATH;
afterEach(() => {
  process.env.PATH = PATH;
});

describe("train: the Python peers' interpreter is chosen, never assumed", () => {
  it('reads what a peer needs from its mlbench-requires line', () => {
    expect(requiredModules(path.join(PROJECT_ROOT, 'peers', 'sklearn_logreg.py'))).toEqual([
      'numpy',
      'scipy',
      'sklearn',
    ]);
    expect(requiredModules(path.join(PROJECT_ROOT, 'peers', 'xgboost_hist.py'))).toEqual(['numpy', 'scipy', 'xgboost']);
  });

  it('an interpreter chosen by the setting or MLBENCH_PYTHON is used alone; the reason names it and what it lacks', () => {
    expect(probePython(FAKE, ['numpy', 'sklearn'])).toEqual({ version: '3.99.0', missing: ['sklearn'] });
    const bySetting = choosePython(['numpy', 'sklearn'], FAKE, {});
    expect(bySetting.python).toBeNull();
    expect(bySetting).toMatchObject({
      reason: expect.stringMatching(/chosen by peers\.python.*fake-python \(Python 3\.99\.0\) lacks sklearn/),
    });
    const byEnv = choosePython(['numpy', 'sklearn'], '', { MLBENCH_PYTHON: FAKE });
    expect(byEnv).toMatchObject({
      python: null,
      reason: expect.stringMatching(/chosen by MLBENCH_PYTHON.*lacks sklearn/),
    });
    expect(choosePython(['numpy'], '', { MLBENCH_PYTHON: FAKE })).toMatchObject({
      python: FAKE,
      chosenBy: 'MLBENCH_PYTHON',
    });
    const cmd = peerCommand('external:peers/sklearn_logreg.py', FAKE);
    expect('unavailable' in cmd && cmd.unavailable).toMatch(
      /^external:peers\/sklearn_logreg\.py: .*fake-python .*lacks sklearn/,
    );
  });

  it('a first python3 on the PATH without scikit-learn is passed over for /usr/bin/python3, or both are named', () => {
    const bin = path.join(tempDir('mlbench-py-'), 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(FAKE, path.join(bin, 'python3'));
    process.env.PATH = `${bin}:${PATH}`;
    const choice = choosePython(['numpy', 'sklearn'], '', {});
    const system = probePython('/usr/bin/python3', ['numpy', 'sklearn']);
    if (!system.problem && system.missing.length === 0) {
      expect(choice).toMatchObject({ python: '/usr/bin/python3', chosenBy: 'search' });
    } else {
      expect(choice).toMatchObject({
        python: null,
        reason: expect.stringMatching(/python3 \(Python 3\.99\.0\) lacks sklearn; .*\/usr\/bin\/python3/),
      });
    }
  });
});
