// Entry point of the Polypose viewer page. Exposes a read-only debug view of its state as window.__polypose
// (frame index and number, frames, skeletons drawn, time to first frame) for tests and scripts.
import { loadScene } from './data.js';
import { World } from './world.js';
import { ViewPanel } from './views.js';

const state = {
  ready: false,
  error: null,
  frames: 0,
  frame: 0,
  frameNumber: null,
  skeletonsDrawn: 0,
  playing: false,
  firstFrameMs: null,
  viewsFrameNumber: null,
  renders: 0,
  dataMs: null,
  sceneMs: null,
};

Object.defineProperty(window, '__polypose', {
  get: () => ({ ...state }),
  configurable: false,
});

const status = document.getElementById('status');

async function start() {
  const { scene, poses } = await loadScene();
  state.frames = poses.frames;
  state.dataMs = performance.now();
  const world = new World(document.getElementById('stage'), scene, poses);
  const panel = new ViewPanel(document.getElementById('views'), scene, (n) => { state.viewsFrameNumber = n; });
  const scrub = document.getElementById('scrub');
  const play = document.getElementById('play');
  const trails = document.getElementById('trails');
  const label = document.getElementById('frame');
  state.sceneMs = performance.now();
  scrub.max = String(Math.max(0, poses.frames - 1));
  document.getElementById('legend').textContent =
    `${scene.skeleton} · ${poses.frames} frames · ${scene.cameras.length} cameras · colour = person id`;

  let dirty = true;
  let clock = 0;
  const setFrame = (f) => {
    if (poses.frames === 0) return;
    state.frame = Math.min(poses.frames - 1, Math.max(0, f | 0));
    state.frameNumber = poses.frameNumbers[state.frame];
    scrub.value = String(state.frame);
    label.textContent = `frame ${state.frameNumber} (${state.frame + 1}/${poses.frames})`;
    dirty = true;
    panel.show(state.frameNumber);
  };
  const setPlaying = (on) => {
    state.playing = on && poses.frames > 1;
    play.textContent = state.playing ? 'pause' : 'play';
    clock = state.frame;
  };

  scrub.addEventListener('input', () => { setPlaying(false); setFrame(Number(scrub.value)); });
  play.addEventListener('click', () => setPlaying(!state.playing));
  trails.addEventListener('change', () => { dirty = true; });
  world.controls.addEventListener('change', () => { dirty = true; });
  window.addEventListener('resize', () => { dirty = true; });
  window.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type !== 'range') return;
    if (e.key === ' ') { e.preventDefault(); setPlaying(!state.playing); }
    if (e.key === 'ArrowRight') { setPlaying(false); setFrame(state.frame + 1); }
    if (e.key === 'ArrowLeft') { setPlaying(false); setFrame(state.frame - 1); }
  });

  setFrame(0);
  status.textContent = poses.frames === 0 ? 'the poses file has no frames' : '';
  let last = performance.now();
  const tick = (now) => {
    const dt = Math.min(0.25, (now - last) / 1000);
    last = now;
    if (state.playing) {
      clock += dt * scene.fps;
      if (clock >= poses.frames) clock = 0;
      if ((clock | 0) !== state.frame) setFrame(clock);
    }
    if (dirty) {
      if (poses.frames > 0) state.skeletonsDrawn = world.showFrame(state.frame, trails.checked);
      world.render();
      state.renders++;
      dirty = false;
      if (state.firstFrameMs === null) {
        state.firstFrameMs = performance.now();
        state.ready = true;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

start().catch((e) => {
  state.error = String(e && e.message ? e.message : e);
  status.textContent = `error: ${state.error}`;
  console.error(e);
});
