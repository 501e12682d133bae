// Preloaded with `node --import` by fault-disk-full.test.ts: every write to a path matching
// MLBENCH_TEST_ENOSPC (a regular expression) fails with ENOSPC, as on a full disk. The patch goes
// on node:fs and node:fs/promises and is synced into their ES module bindings.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';

const match = new RegExp(process.env.MLBENCH_TEST_ENOSPC ?? '$^');
const enospc = (file) =>
  Object.assign(new Error(`ENOSPC: no space left on device, write '${file}'`), {
    code: 'ENOSPC',
    errno: -28,
    syscall: 'write',
    path: String(file),
  });
const hit = (file) => typeof file === 'string' && match.test(file);

const { open, writeFile, appendFile } = fsp;
fsp.open = async (file, ...rest) => {
  const handle = await open(file, ...rest);
  if (!hit(file)) return handle;
  const fail = async () => {
    throw enospc(file);
  };
  return new Proxy(handle, {
    get: (t, k) =>
      ['write', 'writeFile', 'writev', 'appendFile'].includes(k)
        ? fail
        : typeof t[k] === 'function'
          ? t[k].bind(t)
          : t[k],
  });
};
fsp.writeFile = async (file, ...rest) => {
  if (hit(file)) throw enospc(file);
  return writeFile(file, ...rest);
};
fsp.appendFile = async (file, ...rest) => {
  if (hit(file)) throw enospc(file);
  return appendFile(file, ...rest);
};
const { writeFileSync, appendFileSync } = fs;
fs.writeFileSync = (file, ...rest) => {
  if (hit(file)) throw enospc(file);
  return writeFileSync(file, ...rest);
};
fs.appendFileSync = (file, ...rest) => {
  if (hit(file)) throw enospc(file);
  return appendFileSync(file, ...rest);
};
syncBuiltinESMExports();
