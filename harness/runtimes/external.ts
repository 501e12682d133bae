/**
 * `external:<cmd>`: a peer program (any language) that trains on mlbench's split and answers in
 * a small JSON protocol on stdin/stdout (harness/runtimes/EXTERNAL.md). mlbench writes one
 * request object to the peer's stdin and closes it; the peer writes one JSON object as the last
 * line of its stdout and exits. Anything else (a crash, a non-zero exit, a last line that is not
 * a protocol object, a hang past the timeout) is reported as data with the peer's own words.
 * The command is split on whitespace (no shell); a relative path that does not exist in the
 * working folder is looked up under the mlbench package root, so `peers/x.py` works anywhere.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../paths.js';
import type { ProbeContext, ProbeResult, Runtime } from '../types.js';
import { RuntimeError } from '../errors.js';
import { vmHwmBytes } from '../system/metadata.js';
import { choosePython, requiredModules } from './peer-python.js';

/** The protocol tag every request carries. */
export const EXTERNAL_PROTOCOL = 'mlbench-external/1';

/** What a peer process did: its parsed reply (or why there is none), stderr tail, exit, peak RSS. */
export interface PeerCall {
  reply: Record<string, unknown> | null;
  /** Why `reply` is null: crash, garbage, timeout. */
  problem: string | null;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Peak RSS of the peer process (kernel VmHWM, polled), bytes. */
  peakRssBytes: number | null;
  wallSeconds: number;
}

/** Peer processes still running, and folders of peer files still in use (for killLivePeers). */
const livePeers = new Set<ChildProcess>();
const livePeerDirs = new Set<string>();

/**
 * Registers a folder of files written for a peer, which killLivePeers removes if the job is
 * stopped before it cleans up; returns the function that unregisters it.
 */
export function trackPeerDir(dir: string): () => void {
  livePeerDirs.add(dir);
  return () => void livePeerDirs.delete(dir);
}

/**
 * Kills every peer process this process started that is still running (SIGKILL) and removes
 * the registered peer folders, synchronously: the job process calls it when it is told to stop
 * (SIGTERM at the job timeout), so no peer outlives its job. Returns how many peers it killed.
 */
export function killLivePeers(): number {
  let killed = 0;
  for (const child of livePeers) {
    if (child.exitCode === null && child.signalCode === null && child.kill('SIGKILL')) killed++;
  }
  livePeers.clear();
  for (const dir of livePeerDirs) rmSync(dir, { recursive: true, force: true });
  livePeerDirs.clear();
  return killed;
}

/** Splits `external:<cmd>` (or `<cmd>`) into argv, resolving package-relative paths. */
export function externalArgv(idOrCmd: string): string[] {
  const cmd = idOrCmd.startsWith('external:') ? idOrCmd.slice('external:'.length) : idOrCmd;
  const argv = cmd.trim().split(/\s+/).filter(Boolean);
  if (argv.length === 0)
    throw new RuntimeError(
      'external runtime: empty command; write --runtime external:<cmd>, e.g. external:python3 peers/sklearn_logreg.py',
    );
  return argv.map((a) =>
    !path.isAbsolute(a) && a.includes('/') && !existsSync(a) && existsSync(path.join(PROJECT_ROOT, a))
      ? path.join(PROJECT_ROOT, a)
      : a,
  );
}

/**
 * The argv of a peer, with the Python interpreter chosen for a `.py` script named first
 * (harness/train/peer-python.ts: setting peers.python, MLBENCH_PYTHON, else the first of python3
 * and /usr/bin/python3 with the script's libraries), or why none can run it.
 */
export function peerCommand(idOrCmd: string, pythonSetting = ''): { argv: string[] } | { unavailable: string } {
  const argv = externalArgv(idOrCmd);
  if (!/\.py$/i.test(argv[0]!)) return { argv };
  const choice = choosePython(requiredModules(argv[0]!), pythonSetting);
  return choice.python === null ? { unavailable: `${idOrCmd}: ${choice.reason}` } : { argv: [choice.python, ...argv] };
}

/** Runs the peer with one request and reads its one reply. Never throws for the peer's faults. */
export function callPeer(argv: string[], request: Record<string, unknown>, timeoutMs: number): Promise<PeerCall> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    livePeers.add(child);
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    let timedOut = false;
    let spawnError: string | null = null;
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-8192);
    });
    const poll = setInterval(() => {
      const hwm = child.pid === undefined ? null : vmHwmBytes(child.pid);
      if (hwm !== null) peak = Math.max(peak ?? 0, hwm);
    }, 50);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (err) => {
      spawnError = err.message;
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${JSON.stringify({ protocol: EXTERNAL_PROTOCOL, ...request })}\n`);
    child.on('close', (code, signal) => {
      livePeers.delete(child);
      clearInterval(poll);
      clearTimeout(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      const last = stdout.trim().split('\n').pop() ?? '';
      let reply: Record<string, unknown> | null = null;
      let problem: string | null = null;
      if (spawnError) problem = `cannot start ${argv[0]}: ${spawnError}`;
      else if (timedOut) problem = `peer did not answer within ${timeoutMs} ms (killed)`;
      else {
        try {
          const parsed: unknown = JSON.parse(last);
          if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) reply = parsed as Record<string, unknown>;
          else problem = `peer's last stdout line is not a JSON object: ${JSON.stringify(last.slice(0, 200))}`;
        } catch {
          problem = last
            ? `peer's last stdout line is not protocol JSON: ${JSON.stringify(last.slice(0, 200))}`
            : `peer printed no reply`;
        }
        if (code !== 0 || signal)
          problem = `peer exited with ${signal ? `signal ${signal}` : `code ${code}`}${tail ? `: ${tail}` : ''}`;
        if (problem) reply = null;
      }
      resolve({ reply, problem, stderr, code, signal, peakRssBytes: peak, wallSeconds });
    });
  });
}

/** The `external:<cmd>` runtime: probe asks the peer; peers train only (no inference sessions). */
export function createExternalRuntime(id: string): Runtime {
  return {
    id,
    async probe(context?: ProbeContext): Promise<ProbeResult> {
      let argv: string[];
      try {
        const cmd = peerCommand(id, context?.peersPython ?? '');
        if ('unavailable' in cmd) return { available: false, reason: cmd.unavailable, version: null, backends: [] };
        argv = cmd.argv;
      } catch (err) {
        return { available: false, reason: (err as Error).message, version: null, backends: [] };
      }
      const call = await callPeer(argv, { type: 'probe' }, 30_000);
      if (!call.reply) return { available: false, reason: `${id}: ${call.problem}`, version: null, backends: [] };
      const available = call.reply.available === true;
      const version = typeof call.reply.version === 'string' ? call.reply.version : null;
      const reason =
        typeof call.reply.reason === 'string'
          ? call.reply.reason
          : available
            ? undefined
            : `${id}: the peer says it is unavailable`;
      return {
        available,
        ...(reason ? { reason } : {}),
        version,
        backends: [],
        details: { tool: call.reply.tool ?? null },
      };
    },
    async load() {
      throw new RuntimeError(
        `${id}: external peers train and predict through the protocol; they do not serve inference sessions`,
      );
    },
  };
}
