/** The Python peers' interpreter choice lives with the external runtime (harness/runtimes/peer-python.ts). */
export * from '../runtimes/peer-python.js';
