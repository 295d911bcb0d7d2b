// Runs a TF.js graph model (MoveNet) on raw RGB inputs with the wasm backend, for Polypose's numerics fixture
// and speed comparison (wall ms and process CPU ms per run). Inputs: a folder of <name>_<W>x<H>.rgb files (uint8 RGB, row-major), as written by
// `polypose bench detect --save-inputs DIR`. Output: JSON with each input's network output and run times.
//   node movenet.mjs --model M.json --inputs DIR --out OUT.json [--repeat N] [--threads 1] [--taps a,b]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const modelPath = args.model;
const inputDir = args.inputs;
const repeat = Number(args.repeat ?? 1);
const threads = Number(args.threads ?? 1);
const taps = args.taps ? args.taps.split(',') : [];

const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
setWasmPaths(wasmDir);
setThreadsCount(threads);
await tf.setBackend('wasm');
await tf.ready();

const json = JSON.parse(fs.readFileSync(modelPath, 'utf8'));
const specs = [];
const buffers = [];
for (const group of json.weightsManifest) {
  for (const p of group.paths) buffers.push(fs.readFileSync(path.join(path.dirname(modelPath), p)));
  specs.push(...group.weights);
}
const all = Buffer.concat(buffers);
const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength);
const model = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData, format: json.format, generatedBy: json.generatedBy, convertedBy: json.convertedBy }));

const files = fs.readdirSync(inputDir).filter((f) => f.endsWith('.rgb')).sort();
const results = [];
for (const f of files) {
  const m = /^(.*)_(\d+)x(\d+)\.rgb$/.exec(f);
  const [name, w, h] = [m[1], Number(m[2]), Number(m[3])];
  const bytes = fs.readFileSync(path.join(inputDir, f));
  const input = tf.tensor4d(Int32Array.from(bytes), [1, h, w, 3], 'int32');
  const times = [];
  const cpu = [];
  let output;
  for (let r = 0; r < repeat; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const y = model.execute(input, 'Identity:0');
    const data = y.dataSync();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1e3);
    output = Array.from(data);
    y.dispose();
  }
  const tapValues = {};
  if (taps.length > 0) {
    const ys = model.execute(input, taps);
    (Array.isArray(ys) ? ys : [ys]).forEach((t, i) => {
      const d = t.dataSync();
      tapValues[taps[i]] = { shape: t.shape, first: Array.from(d.slice(0, 8)), sum: d.reduce((a, b) => a + b, 0) };
      t.dispose();
    });
  }
  input.dispose();
  results.push({ name, width: w, height: h, output, ms: times, cpu_ms: cpu, taps: tapValues });
  process.stderr.write(`${name} ${w}x${h}: ${times.map((t) => t.toFixed(1)).join(' ')} ms\n`);
}
const doc = { generator: 'bench/tfjs/movenet.mjs', tfjs: tf.version.tfjs, backend: tf.getBackend(), threads, model: path.basename(modelPath), results };
fs.writeFileSync(args.out, JSON.stringify(doc));
