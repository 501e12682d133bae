#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (built by `npm ci` through the `prepare` script).
import { main } from '../dist/harness/cli/main.js';

// `mlbench list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
