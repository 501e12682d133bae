/** Linux /proc readings about another process. */
import { readFileSync } from 'node:fs';

/**
 * Peak resident set size of a running process (the kernel's VmHWM high-water mark), in bytes;
 * null when it cannot be read (the process is gone, or not Linux). Synchronous: one small read.
 */
export function vmHwmBytes(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}
