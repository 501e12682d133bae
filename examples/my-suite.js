/**
 * An example user suite: `mlbench run --suite ./examples/my-suite.js`.
 *
 * A suite is an ES module whose default export (or `export const suite`) has three members:
 *   id          a name for the suite (letters, digits, ".", "_", "-"); job ids start with it
 *   describe()  one line saying what it measures
 *   workloads(profile, options)  the workloads for a profile ("quick", "standard", "full"), as
 *               an array or a Promise of one. Each workload is plain data (it is sent to the job
 *               processes as JSON), checked when the suite loads; see docs/suites.md "User suites".
 * A suite never times anything itself. Relative model paths are relative to this file.
 */

/** @type {import('../dist/harness/types.js').Suite} */
export default {
  id: 'my-suite',
  describe: () => 'A scikit-learn classifier (ONNX, ZipMap output), a TensorFlow.js layers model and a zoo MLP',
  async workloads(profile) {
    const quick = profile === 'quick' ? { minDurationMs: 500, minQueryCount: 100 } : {};
    return [
      {
        id: 'sklearn-logreg',
        kind: 'inference',
        description: 'logistic regression converted by skl2onnx (4 features)',
        model: { kind: 'file', path: 'models/sklearn_logreg_zipmap.onnx' },
        runtimes: ['ort-node:cpu', 'ort-web:wasm'],
        scenarios: ['single-stream'],
        settings: quick,
      },
      {
        id: 'tfjs-mlp',
        kind: 'inference',
        description: 'a tfjs layers model as model.save() writes it (8 features)',
        model: { kind: 'file', path: 'models/tfjs-mlp/model.json' },
        scenarios: ['single-stream'],
        // Model files run on the runtimes that take their format unless `runtimes` says otherwise.
        runtimes: ['tfjs:cpu', 'tfjs:wasm'],
        settings: quick,
      },
      {
        id: 'zoo-mlp',
        kind: 'inference',
        description: 'an MLP written by mlbench (64 features, 2 x 256 hidden)',
        model: { kind: 'zoo', arch: 'mlp', params: { features: 64, width: 256, depth: 2 }, seed: 1 },
        scenarios: ['single-stream'],
        runtimes: ['ort-node:cpu', 'ort-web:wasm', 'tfjs:wasm'],
        settings: quick,
      },
    ];
  },
};
