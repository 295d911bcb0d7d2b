// Loads the scene description and decodes the compact pose stream (see Polypose.Viewer/PoseBinary.cs).

const MAGIC = 0x31565050; // "PPV1"
const HEADER_BYTES = 32;
export const MISSING = -32768;

// The first frames arrive on their own, so the first picture does not wait for a long sequence; loadPoses() then
// fetches the whole stream.
export const HEAD_FRAMES = 240;

export async function loadScene() {
  const [sceneResponse, posesResponse] = await Promise.all([fetch('/api/scene.json'), fetch(`/api/poses.bin?first=0&count=${HEAD_FRAMES}`)]);
  if (!sceneResponse.ok || !posesResponse.ok) {
    throw new Error(`cannot load the scene (HTTP ${sceneResponse.status} / ${posesResponse.status})`);
  }
  const scene = await sceneResponse.json();
  const poses = checked(decodePoses(await posesResponse.arrayBuffer()), scene);
  return { scene, poses };
}

export async function loadPoses(scene) {
  const response = await fetch('/api/poses.bin');
  if (!response.ok) {
    throw new Error(`cannot load the poses (HTTP ${response.status})`);
  }
  return checked(decodePoses(await response.arrayBuffer()), scene);
}

function checked(poses, scene) {
  if (poses.joints !== scene.joints.length) {
    throw new Error(`pose stream has ${poses.joints} joints, skeleton ${scene.skeleton} has ${scene.joints.length}`);
  }
  return poses;
}

export function decodePoses(buffer) {
  const header = new DataView(buffer, 0, HEADER_BYTES);
  if (header.getUint32(0, true) !== MAGIC) {
    throw new Error('pose stream: bad magic number');
  }
  const frames = header.getInt32(4, true);
  const records = header.getInt32(8, true);
  const joints = header.getInt32(12, true);
  const step = header.getFloat32(16, true);
  let at = HEADER_BYTES;
  const frameNumbers = new Int32Array(buffer, at, frames); at += 4 * frames;
  const starts = new Int32Array(buffer, at, frames + 1); at += 4 * (frames + 1);
  const ids = new Int32Array(buffer, at, records); at += 4 * records;
  const coords = new Int16Array(buffer, at, records * joints * 3);
  let maxPeople = 0;
  for (let f = 0; f < frames; f++) {
    maxPeople = Math.max(maxPeople, starts[f + 1] - starts[f]);
  }
  return { frames, records, joints, step, frameNumbers, starts, ids, coords, maxPeople };
}

// A distinct, stable colour per person id (golden-ratio hue walk), as [r, g, b] in 0..1.
export function idColor(id) {
  const hue = ((id * 0.6180339887) % 1 + 1) % 1;
  return hslToRgb(hue, 0.75, 0.58);
}

export function idCss(id, alpha = 1) {
  const [r, g, b] = idColor(id);
  return `rgba(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)}, ${alpha})`;
}

function hslToRgb(h, s, l) {
  const k = (n) => (n + h * 12) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0), f(8), f(4)];
}
