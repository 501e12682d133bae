export { collectMachine, fingerprint, packageVersion, RUNTIME_PACKAGES, vmHwmBytes } from './metadata.js';
