// Entry point of the Polypose viewer page. Exposes a read-only debug view of its state as window.__polypose
// (frame index and number, frames, skeletons drawn and the frame they belong to, time to first frame) for tests and scripts.
import { loadPoses, loadScene } from './data.js';
import { World } from './world.js';
import { ViewPanel } from './views.js';

const state = {
  ready: false,
  error: null,
  frames: 0,
  loadedFrames: 0,
  frame: 0,
  frameNumber: null,
  skeletonsDrawn: 0,
  drawnFrame: null,
  playing: false,
  firstFrameMs: null,
  viewsFrameNumber: null,
  renders: 0,
  scriptMs: null,
  rendererMs: null,
  dataMs: null,
  sceneMs: null,
};

Object.defineProperty(window, '__polypose', {
  get: () => ({ ...state }),
  configurable: false,
});

const status = document.getElementById('status');

async function start() {
  state.scriptMs = performance.now();
  const loading = loadScene();
  const stage = document.getElementById('stage');
  const renderer = World.createRenderer(stage);
  state.rendererMs = performance.now();
  const { scene, poses: head } = await loading;
  state.frames = scene.frames;
  state.loadedFrames = head.frames;
  state.dataMs = performance.now();
  const world = new World(stage, scene, head, renderer);
  const panel = new ViewPanel(document.getElementById('views'), scene, (n) => { state.viewsFrameNumber = n; });
  const scrub = document.getElementById('scrub');
  const play = document.getElementById('play');
  const trails = document.getElementById('trails');
  const label = document.getElementById('frame');
  state.sceneMs = performance.now();
  scrub.max = String(Math.max(0, scene.frames - 1));
  document.getElementById('legend').textContent =
    `${scene.skeleton} · ${scene.frames} frames · ${scene.cameras.length} cameras · colour = person id`;

  let dirty = true;
  let clock = 0;
  let poses = world.poses;
  const setFrame = (f) => {
    if (poses.frames === 0) return;
    state.frame = Math.min(poses.frames - 1, Math.max(0, f | 0));
    state.frameNumber = poses.frameNumbers[state.frame];
    scrub.value = String(state.frame);
    const loading = poses.frames < scene.frames ? ` · loading ${scene.frames - poses.frames} more frames` : '';
    label.textContent = `frame ${state.frameNumber} (${state.frame + 1}/${scene.frames})${loading}`;
    dirty = true;
    panel.show(state.frameNumber);
  };
  const setPlaying = (on) => {
    state.playing = on && poses.frames > 1;
    play.textContent = state.playing ? 'pause' : 'play';
    clock = state.frame;
  };

  let pending = null;
  scrub.addEventListener('input', () => {
    setPlaying(false);
    pending = Number(scrub.value) >= poses.frames ? Number(scrub.value) : null;
    setFrame(Number(scrub.value));
  });
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
  status.textContent = scene.frames === 0 ? 'the poses file has no frames' : '';
  if (poses.frames < scene.frames) {
    loadPoses(scene).then((all) => {
      world.setPoses(all);
      poses = all;
      state.loadedFrames = all.frames;
      setFrame(pending ?? state.frame);
      pending = null;
    }).catch(fail);
  }
  let last = performance.now();
  const tick = (now) => {
    const dt = Math.min(0.25, (now - last) / 1000);
    last = now;
    if (state.playing) {
      clock += dt * scene.fps;
      if (clock >= poses.frames) clock = poses.frames < scene.frames ? poses.frames - 1 : 0;
      if ((clock | 0) !== state.frame) setFrame(clock);
    }
    if (dirty) {
      if (poses.frames > 0) {
        state.skeletonsDrawn = world.showFrame(state.frame, trails.checked);
        state.drawnFrame = state.frame;
      }
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

function fail(e) {
  state.error = String(e && e.message ? e.message : e);
  status.textContent = `error: ${state.error}`;
  console.error(e);
}

start().catch(fail);
