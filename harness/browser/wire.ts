/**
 * What travels between the job process and the page (both directions are JSON through the
 * DevTools protocol): the job the page runs, what it returns, and tensors as base64 bytes, so a
 * float32 output arrives bit for bit. Shared by harness/browser/page-entry.ts (in the page) and
 * harness/browser/browser-job.ts (in the job process); no I/O here.
 */
import type { ArchDescription } from '../arch.js';
import type { DType, Feeds, RuntimeInfo, ScenarioId, SettingsInput, TensorSpec, TypedArray } from '../types.js';
import type { ScenarioResult } from '../scenarios/result.js';

import type { PageBackend, PageLibrary } from './browser-specs.js';

export type { PageBackend, PageLibrary };

/** The job as the page gets it (window.mlbenchRunJob's argument). */
export interface PageJob {
  jobId: string;
  library: PageLibrary;
  backend: PageBackend;
  scenario: ScenarioId;
  settings: SettingsInput;
  model: {
    name: string;
    inputs: TensorSpec[];
    outputs: TensorSpec[];
    /** Served ONNX bytes (every model has them). */
    onnxUrl: string;
    /** The architecture description (zoo and trained models): tfjs builds its forward from it. */
    description?: ArchDescription;
  };
  /** Test hook (MLBENCH_BROWSER_FAULT): the page throws, or hangs its main thread. */
  fault?: 'throw' | 'hang';
}

/** A tensor as JSON: its bytes in base64. */
export interface WireTensor {
  dtype: DType;
  dims: number[];
  base64?: string;
  strings?: string[];
}

/** What the browser and page tell about themselves (recorded under runtime.options.browser). */
export interface PageEnvironment {
  userAgent: string;
  hardwareConcurrency: number;
  crossOriginIsolated: boolean;
  /** performance.now() step in this page, ns (coarsened to 5 us when cross-origin isolated). */
  clockResolutionNs: number;
  webgl?: { vendor: string; renderer: string; software: boolean };
  webgpu?:
    | {
        vendor: string;
        architecture: string;
        description: string;
        device: string;
        isFallbackAdapter: boolean;
        software: boolean;
      }
    | { unavailable: string };
}

/** What window.mlbenchRunJob resolves to. */
export interface PageOutcome {
  scenario: ScenarioResult;
  coldStart: { loadMs: number; sessionCreateMs: number; firstRunMs: number };
  info: RuntimeInfo;
  version: string | null;
  firstFeeds: Record<string, WireTensor>;
  firstOutputs: Record<string, WireTensor>;
  environment: PageEnvironment;
  leakedTensors?: number;
}

const ARRAY_OF: Record<string, new (buffer: ArrayBuffer) => TypedArray> = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int64: BigInt64Array,
  uint8: Uint8Array,
  int8: Int8Array,
  bool: Uint8Array,
  float16: Uint16Array,
  bfloat16: Uint16Array,
};

/** Software rasterisers and adapters: never ranked as a GPU. */
export function isSoftwareRenderer(text: string): boolean {
  return /swiftshader|llvmpipe|softpipe|lavapipe|software/i.test(text);
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** Feeds -> JSON (bytes copied). */
export function encodeFeeds(feeds: Feeds): Record<string, WireTensor> {
  const out: Record<string, WireTensor> = {};
  for (const [name, t] of Object.entries(feeds)) {
    if (Array.isArray(t.data)) out[name] = { dtype: t.dtype, dims: [...t.dims], strings: [...t.data] };
    else
      out[name] = {
        dtype: t.dtype,
        dims: [...t.dims],
        base64: toBase64(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)),
      };
  }
  return out;
}

/** JSON -> Feeds; throws naming the tensor when its dtype is unknown. */
export function decodeFeeds(wire: Record<string, WireTensor>): Feeds {
  const out: Feeds = {};
  for (const [name, t] of Object.entries(wire)) {
    if (t.strings) {
      out[name] = { dtype: t.dtype, dims: t.dims, data: t.strings };
      continue;
    }
    const Ctor = ARRAY_OF[t.dtype];
    if (!Ctor) throw new Error(`tensor "${name}" from the page has unknown dtype ${t.dtype}`);
    const bytes = fromBase64(t.base64 ?? '');
    out[name] = {
      dtype: t.dtype,
      dims: t.dims,
      data: new Ctor(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer),
    };
  }
  return out;
}
