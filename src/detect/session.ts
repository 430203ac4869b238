/**
 * onnxruntime-web set-up, decided once per worker before the first session: self-hosted wasm, thread count,
 * and the execution provider (WebGPU only on a real, non-fallback adapter; otherwise WASM with threads + SIMD).
 *
 * Which build of ORT is loaded follows the provider: the WebGPU build (JSEP, 28 MB of wasm) only when
 * WebGPU is used; the plain WASM build (14 MB) otherwise. The WebGPU build's wasm is compiled with
 * asyncify, which makes every CPU inference 2–4× slower and a session 2–4× slower to open (measured in
 * docs/PERFORMANCE.md, "ORT's two builds").
 */
import type * as ort from 'onnxruntime-web';
import { GarimError } from '../lib/errors.ts';
import { workerClock } from '../lib/stage-clock.ts';

export type Backend = 'webgpu' | 'wasm';
export type BackendPreference = 'auto' | Backend;
export type BackendChoice = { backend: Backend; threads: number; note: string };

type GpuAdapterLike = {
  info?: { isFallbackAdapter?: boolean; description?: string };
  isFallbackAdapter?: boolean;
};
type GpuLike = { requestAdapter(): Promise<GpuAdapterLike | null> };

export class ModelLoadError extends GarimError {
  constructor(message: string) {
    super('ModelLoadError', message);
  }
}

/** A WebGPU device that is lost (driver reset, GPU process crash) fails every later inference. */
export function isDeviceLost(error: unknown): boolean {
  return error instanceof Error && /device (was |is )?lost|DeviceLost/i.test(error.message);
}

type Ort = typeof ort;
let runtime: Promise<Ort> | undefined;

/**
 * The ORT build for `backend`, loaded and pointed at the app's own copy of its wasm with `threads` once per
 * worker (the first backend chosen decides).
 */
function loadOrt(backend: Backend, baseUrl: string, threads: number): Promise<Ort> {
  runtime ??= (
    backend === 'webgpu' ? import('onnxruntime-web') : import('onnxruntime-web/wasm')
  ).then((loaded) => {
    loaded.env.wasm.wasmPaths = new URL('ort/', baseUrl).href;
    loaded.env.wasm.numThreads = threads;
    loaded.env.wasm.proxy = false;
    loaded.env.logLevel = 'error';
    return loaded;
  });
  return runtime;
}

/** The ORT build this worker loaded (a session is open, so one is). */
export async function ortRuntime(): Promise<Ort> {
  if (!runtime) throw new ModelLoadError('ONNX Runtime is not loaded yet');
  return runtime;
}

/**
 * One inference thread per two cores: on small machines decode and encode need the other core, and two ORT
 * threads measured slower than one while the rest of the pipeline ran (see docs/MEASURED.md of shared docs).
 */
export function defaultThreadCount(cores: number, isolated: boolean): number {
  if (!isolated) return 1;
  return Math.max(1, Math.min(4, Math.floor(cores / 2)));
}

async function hasRealGpu(): Promise<string | undefined> {
  const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
  if (!gpu) return undefined;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return undefined;
    const fallback = adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    return fallback ? undefined : adapter.info?.description || 'GPU';
  } catch {
    return undefined;
  }
}

export async function chooseBackend(preference: BackendPreference): Promise<BackendChoice> {
  const threads = defaultThreadCount(navigator.hardwareConcurrency || 1, self.crossOriginIsolated);
  if (preference !== 'wasm') {
    const gpu = await hasRealGpu();
    if (gpu) return { backend: 'webgpu', threads, note: gpu };
  }
  return {
    backend: 'wasm',
    threads,
    note: self.crossOriginIsolated
      ? `SIMD, ${threads} thread${threads > 1 ? 's' : ''}`
      : 'SIMD, 1 thread (page not cross-origin isolated)',
  };
}

export async function fetchModel(url: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ModelLoadError(`Model ${url} could not be fetched: ${String(error)}`);
  }
  if (!response.ok) throw new ModelLoadError(`Model ${url} answered ${response.status}`);
  return response.arrayBuffer();
}

async function createSession(
  runtime: Ort,
  model: ArrayBuffer,
  backend: Backend,
): Promise<ort.InferenceSession> {
  return runtime.InferenceSession.create(new Uint8Array(model), {
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
  });
}

export type { ort };

/** Runs a one-input float32 model and returns every output's data by name (timed as `stage`). */
export async function runFloatModel(
  session: ort.InferenceSession,
  inputName: string,
  input: Float32Array,
  dims: readonly number[],
  stage: string,
): Promise<Record<string, Float32Array>> {
  const tensor = new (await ortRuntime()).Tensor('float32', input, dims);
  const results = await workerClock.time(stage, () => session.run({ [inputName]: tensor }));
  const outputs: Record<string, Float32Array> = {};
  for (const [name, value] of Object.entries(results)) outputs[name] = value.data as Float32Array;
  return outputs;
}

export type OpenedSession = {
  session: ort.InferenceSession;
  backend: Backend;
  threads: number;
  note: string;
};

/**
 * Loads a model from the app's origin and opens it on the chosen backend; if WebGPU fails to build the
 * session, falls back to WASM. Shared by every detector.
 */
export async function openModelSession(
  file: string,
  baseUrl: string,
  preference: BackendPreference,
): Promise<OpenedSession> {
  const choice = await chooseBackend(preference);
  const runtime = await loadOrt(choice.backend, baseUrl, choice.threads);
  const bytes = await fetchModel(new URL(file, baseUrl).href);
  try {
    const session = await createSession(runtime, bytes, choice.backend);
    return { session, backend: choice.backend, threads: choice.threads, note: choice.note };
  } catch (error) {
    if (choice.backend === 'wasm') throw new ModelLoadError(String(error));
    const session = await createSession(runtime, bytes, 'wasm');
    return { session, backend: 'wasm', threads: choice.threads, note: 'WebGPU failed; WASM' };
  }
}
