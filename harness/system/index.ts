export { collectMachine, fingerprint, packageVersion, RUNTIME_PACKAGES, vmHwmBytes } from './metadata.js';
export { probeNoise, formatNoiseProbe, type NoiseProbe } from './noise-probe.js';
