/**
 * Result files on disk: atomic, append-only writes (harness/common/atomic-write.ts, never over an
 * earlier file) and validated reads that refuse a future schemaVersion with a clear message.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomicNew } from '../harness/common/atomic-write.js';
import { UsageError } from '../harness/errors.js';
import { ResultFileSchema, SCHEMA_VERSION, type ResultFile } from './schema.js';

/** Path of a run's result file: `<resultsDir>/<machine-id>/<run-id>.json`. */
export function resultPath(resultsDir: string, machineId: string, runId: string): string {
  return path.join(resultsDir, machineId, `${runId}.json`);
}

/** Validates and writes a result file; refuses to overwrite an existing one. */
export async function writeResult(file: string, result: ResultFile): Promise<string> {
  const parsed = ResultFileSchema.safeParse(result);
  if (!parsed.success) {
    throw new Error(`result does not match schema v${SCHEMA_VERSION}: ${parsed.error.message}`);
  }
  try {
    await writeFileAtomicNew(file, JSON.stringify(parsed.data, null, 1) + '\n');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UsageError('E_RESULT_FILE', `${file}: a result file already exists there; results are append-only.`);
    }
    throw err;
  }
  return file;
}

/** Parses and validates result JSON text; `source` names the file in every error. */
export function parseResult(text: string, source: string): ResultFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new UsageError(
      'E_RESULT_FILE',
      `${source}: not valid JSON (${(err as Error).message}); the file may be truncated.`,
    );
  }
  if (!raw || typeof raw !== 'object') throw new UsageError('E_RESULT_FILE', `${source}: not an mlbench result file.`);
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number')
    throw new UsageError('E_RESULT_FILE', `${source}: no schemaVersion; not an mlbench result file.`);
  if (version > SCHEMA_VERSION) {
    throw new UsageError(
      'E_RESULT_VERSION',
      `${source}: schemaVersion ${version} is newer than this mlbench understands (${SCHEMA_VERSION}); upgrade mlbench to read it.`,
    );
  }
  const migrated = migrate(raw as Record<string, unknown>, version, source);
  const parsed = ResultFileSchema.safeParse(migrated);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new UsageError(
      'E_RESULT_FILE',
      `${source}: invalid result file at ${first?.path.join('.') || '(root)'}: ${first?.message}`,
    );
  }
  return parsed.data;
}

/** Migrates older schema versions on read. Version 1 is the first; nothing to do yet. */
function migrate(raw: Record<string, unknown>, version: number, source: string): Record<string, unknown> {
  if (version < 1)
    throw new UsageError('E_RESULT_VERSION', `${source}: schemaVersion ${version} is not a known version.`);
  return raw;
}

export async function readResult(file: string): Promise<ResultFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(
      'E_RESULT_FILE',
      `${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}).`,
    );
  }
  return parseResult(text, file);
}

/** Expands files and folders (recursively) into result file paths, sorted. */
export async function listResultFiles(inputs: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (!info) throw new UsageError('E_RESULT_FILE', `${input}: no such file or folder.`);
    if (info.isFile()) {
      out.push(input);
      continue;
    }
    const entries = await readdir(input, { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith('.json')) out.push(path.join(entry.parentPath ?? input, entry.name));
    }
  }
  return out.sort();
}
