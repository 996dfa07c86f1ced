// Copies what in-browser voice activity detection loads at run time into public/vad/, so calls
// work offline and under the CSP ('self' only): the Silero model and the audio worklet from
// @ricky0123/vad-web, and onnxruntime-web's WebAssembly runtime. Run by predev and prebuild.
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const target = path.join(root, 'public', 'vad');
const files = [
  ['@ricky0123/vad-web/dist/silero_vad_legacy.onnx', 'silero_vad_legacy.onnx'],
  ['@ricky0123/vad-web/dist/vad.worklet.bundle.min.js', 'vad.worklet.bundle.min.js'],
  ['onnxruntime-web/dist/ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.wasm'],
  ['onnxruntime-web/dist/ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.mjs'],
];

await mkdir(target, { recursive: true });
for (const [from, to] of files) {
  const source = path.join(root, 'node_modules', from);
  const destination = path.join(target, to);
  const [a, b] = await Promise.all([stat(source), stat(destination).catch(() => null)]);
  if (b && b.size === a.size && b.mtimeMs >= a.mtimeMs) continue;
  await copyFile(source, destination);
}
