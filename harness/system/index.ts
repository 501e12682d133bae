export { collectMachine, fingerprint, packageVersion, RUNTIME_PACKAGES } from './metadata.js';
