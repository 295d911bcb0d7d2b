// The 3D view: floor grid, camera frusta, skeletons coloured by id and root trails. World z-up; the scene is in
// metres (the data in millimetres is scaled by 1/1000 as it is written into the buffers).
import {
  AxesHelper, Box3, BufferAttribute, BufferGeometry, CanvasTexture, DynamicDrawUsage, Float32BufferAttribute, GridHelper, LineBasicMaterial, LineSegments, PerspectiveCamera, Points, PointsMaterial, Scene, Sprite, SpriteMaterial, Vector2, Vector3, WebGLRenderer,
} from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { MISSING, idColor } from './data.js';

const TRAIL_FRAMES = 60;
const FRUSTUM_DEPTH_MM = 450;

export class World {
  // The WebGL context takes a while to create (software rendering: hundreds of ms), so the page makes it while the
  // data is still arriving and hands it to the constructor.
  // Sizing it allocates the drawing buffer, also slow in software, so that is done here too.
  static createRenderer(container) {
    const renderer = new WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    renderer.setPixelRatio(window.devicePixelRatio || 1);
    renderer.setClearColor(0x15171c, 1);
    container.appendChild(renderer.domElement);
    renderer.setSize(Math.max(1, container.clientWidth), Math.max(1, container.clientHeight), false);
    return renderer;
  }

  constructor(container, scene, poses, renderer) {
    this.scene = scene;
    this.poses = poses;
    this.bones = scene.bones;
    this.renderer = renderer;
    this.container = container;

    this.three = new Scene();
    const bounds = this.bounds();
    this.camera = new PerspectiveCamera(50, 1, 0.05, 500);
    this.camera.up.set(0, 0, 1);
    const c = bounds.center;
    const r = Math.max(bounds.radius, 1.5);
    this.camera.position.set(c.x + r * 1.1, c.y - r * 1.6, c.z + r * 1.1);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.target.set(c.x, c.y, Math.max(0.9, c.z * 0.5));
    this.controls.update();

    this.addGrid(bounds);
    this.addFrusta();
    this.addSkeletonBuffers();
    this.resize();
    window.addEventListener('resize', () => this.resize());
  }

  // Centre and radius (metres) of the people (sampled frames) and the cameras.
  bounds() {
    const p = this.poses;
    const box = new Box3();
    const v = new Vector3();
    const stride = Math.max(1, Math.floor(p.frames / 200));
    for (let f = 0; f < p.frames; f += stride) {
      for (let r = p.starts[f]; r < p.starts[f + 1]; r++) {
        for (let j = 0; j < p.joints; j++) {
          const o = (r * p.joints + j) * 3;
          if (p.coords[o] !== MISSING) {
            box.expandByPoint(v.set(p.coords[o] * p.step / 1000, p.coords[o + 1] * p.step / 1000, p.coords[o + 2] * p.step / 1000));
          }
        }
      }
    }
    for (const cam of this.scene.cameras) {
      box.expandByPoint(v.set(cam.center[0] / 1000, cam.center[1] / 1000, cam.center[2] / 1000));
    }
    if (box.isEmpty()) {
      box.set(new Vector3(-2, -2, 0), new Vector3(2, 2, 2));
    }
    const center = box.getCenter(new Vector3());
    const size = box.getSize(new Vector3());
    return { center, radius: 0.5 * Math.max(size.x, size.y, size.z), size };
  }

  addGrid(bounds) {
    const half = Math.ceil(Math.max(bounds.size.x, bounds.size.y, 4) / 2 + 1);
    const grid = new GridHelper(2 * half, 2 * half, 0x556070, 0x2c323c);
    grid.rotation.x = Math.PI / 2; // GridHelper lies in x-z; the floor is the world x-y plane (z = 0).
    grid.position.set(Math.round(bounds.center.x), Math.round(bounds.center.y), 0);
    this.three.add(grid);
    this.three.add(new AxesHelper(0.5));
  }

  // Each camera as a pyramid from its centre to its image corners at a fixed depth (pinhole K, world-to-camera R, t),
  // plus a small triangle on the image's top edge (camera -y).
  addFrusta() {
    const positions = [];
    for (const cam of this.scene.cameras) {
      const [fx, fy, cx, cy] = cam.k;
      const toWorld = (u, v) => {
        const d = FRUSTUM_DEPTH_MM;
        const xc = ((u - cx) / fx) * d;
        const yc = ((v - cy) / fy) * d;
        const q = [xc - cam.t[0], yc - cam.t[1], d - cam.t[2]];
        const r = cam.r;
        return [
          (r[0] * q[0] + r[3] * q[1] + r[6] * q[2]) / 1000,
          (r[1] * q[0] + r[4] * q[1] + r[7] * q[2]) / 1000,
          (r[2] * q[0] + r[5] * q[1] + r[8] * q[2]) / 1000,
        ];
      };
      const o = cam.center.map((x) => x / 1000);
      const w = cam.width;
      const h = cam.height;
      const corners = [toWorld(0, 0), toWorld(w, 0), toWorld(w, h), toWorld(0, h)];
      for (let i = 0; i < 4; i++) {
        positions.push(...o, ...corners[i], ...corners[i], ...corners[(i + 1) % 4]);
      }
      const tip = toWorld(w / 2, -h * 0.25);
      positions.push(...corners[0], ...tip, ...tip, ...corners[1]);
      this.three.add(this.label(cam.name, o));
    }
    const geometry = new BufferGeometry();
    geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
    this.three.add(new LineSegments(geometry, new LineBasicMaterial({ color: 0xc8b070 })));
  }

  label(text, at) {
    const canvas = document.createElement('canvas');
    canvas.width = 128;
    canvas.height = 48;
    const g = canvas.getContext('2d');
    g.fillStyle = '#c8b070';
    g.font = '28px sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(text, 64, 24);
    const sprite = new Sprite(new SpriteMaterial({ map: new CanvasTexture(canvas), depthTest: false }));
    sprite.scale.set(0.5, 0.19, 1);
    sprite.position.set(at[0], at[1], at[2] + 0.18);
    return sprite;
  }

  // Replaces the pose stream (the whole sequence after its first frames); buffers grow when more people appear.
  setPoses(poses) {
    const grow = poses.maxPeople > this.poses.maxPeople;
    this.poses = poses;
    if (grow) {
      for (const object of [this.boneLines, this.jointPoints, this.trailLines]) {
        this.three.remove(object);
        object.geometry.dispose();
      }
      this.addSkeletonBuffers();
    }
  }

  addSkeletonBuffers() {
    const p = this.poses;
    const people = Math.max(1, p.maxPeople);
    const boneVertices = people * this.bones.length * 2;
    this.bonePositions = new Float32Array(boneVertices * 3);
    this.boneColors = new Float32Array(boneVertices * 3);
    const boneGeometry = new BufferGeometry();
    boneGeometry.setAttribute('position', new BufferAttribute(this.bonePositions, 3).setUsage(DynamicDrawUsage));
    boneGeometry.setAttribute('color', new BufferAttribute(this.boneColors, 3).setUsage(DynamicDrawUsage));
    this.boneLines = new LineSegments(boneGeometry, new LineBasicMaterial({ vertexColors: true }));
    this.boneLines.frustumCulled = false;
    this.three.add(this.boneLines);

    const jointCount = people * p.joints;
    this.jointPositions = new Float32Array(jointCount * 3);
    this.jointColors = new Float32Array(jointCount * 3);
    const jointGeometry = new BufferGeometry();
    jointGeometry.setAttribute('position', new BufferAttribute(this.jointPositions, 3).setUsage(DynamicDrawUsage));
    jointGeometry.setAttribute('color', new BufferAttribute(this.jointColors, 3).setUsage(DynamicDrawUsage));
    this.jointPoints = new Points(jointGeometry, new PointsMaterial({ size: 0.045, vertexColors: true }));
    this.jointPoints.frustumCulled = false;
    this.three.add(this.jointPoints);

    const trailVertices = people * TRAIL_FRAMES * 2 * 2;
    this.trailPositions = new Float32Array(trailVertices * 3);
    this.trailColors = new Float32Array(trailVertices * 3);
    const trailGeometry = new BufferGeometry();
    trailGeometry.setAttribute('position', new BufferAttribute(this.trailPositions, 3).setUsage(DynamicDrawUsage));
    trailGeometry.setAttribute('color', new BufferAttribute(this.trailColors, 3).setUsage(DynamicDrawUsage));
    this.trailLines = new LineSegments(trailGeometry, new LineBasicMaterial({ vertexColors: true }));
    this.trailLines.frustumCulled = false;
    this.three.add(this.trailLines);
  }

  // Writes frame f (index into the stream) into the buffers; returns the number of skeletons drawn (people with at
  // least one joint present).
  showFrame(f, trails) {
    const p = this.poses;
    const s = p.step / 1000;
    let bv = 0;
    let jv = 0;
    let drawn = 0;
    for (let r = p.starts[f]; r < p.starts[f + 1]; r++) {
      const [cr, cg, cb] = idColor(p.ids[r]);
      const base = r * p.joints * 3;
      let any = false;
      for (let j = 0; j < p.joints; j++) {
        const o = base + j * 3;
        if (p.coords[o] === MISSING) continue;
        any = true;
        this.jointPositions.set([p.coords[o] * s, p.coords[o + 1] * s, p.coords[o + 2] * s], jv * 3);
        this.jointColors.set([cr, cg, cb], jv * 3);
        jv++;
      }
      for (const [a, b] of this.bones) {
        const oa = base + a * 3;
        const ob = base + b * 3;
        if (p.coords[oa] === MISSING || p.coords[ob] === MISSING) continue;
        this.bonePositions.set([p.coords[oa] * s, p.coords[oa + 1] * s, p.coords[oa + 2] * s,
          p.coords[ob] * s, p.coords[ob + 1] * s, p.coords[ob + 2] * s], bv * 3);
        this.boneColors.set([cr, cg, cb, cr, cg, cb], bv * 3);
        bv += 2;
      }
      if (any) drawn++;
    }
    this.update(this.boneLines, bv);
    this.update(this.jointPoints, jv);
    this.update(this.trailLines, trails ? this.writeTrails(f) : 0);
    return drawn;
  }

  // Segments joining each person's joint centroid over the last TRAIL_FRAMES frames, fading with age.
  writeTrails(f) {
    const p = this.poses;
    const s = p.step / 1000;
    const last = new Map();
    let tv = 0;
    const capacity = this.trailPositions.length / 3;
    for (let g = Math.max(0, f - TRAIL_FRAMES); g <= f; g++) {
      const fade = 0.25 + 0.75 * (1 - (f - g) / TRAIL_FRAMES);
      for (let r = p.starts[g]; r < p.starts[g + 1]; r++) {
        let x = 0, y = 0, n = 0;
        const base = r * p.joints * 3;
        for (let j = 0; j < p.joints; j++) {
          const o = base + j * 3;
          if (p.coords[o] === MISSING) continue;
          x += p.coords[o]; y += p.coords[o + 1]; n++;
        }
        if (n === 0) continue;
        const point = [x / n * s, y / n * s, 0.01];
        const id = p.ids[r];
        const prev = last.get(id);
        if (prev && prev.frame === g - 1 && tv + 2 <= capacity) {
          const [cr, cg, cb] = idColor(id);
          this.trailPositions.set([...prev.point, ...point], tv * 3);
          this.trailColors.set([cr * fade, cg * fade, cb * fade, cr * fade, cg * fade, cb * fade], tv * 3);
          tv += 2;
        }
        last.set(id, { frame: g, point });
      }
    }
    return tv;
  }

  update(object, count) {
    const geometry = object.geometry;
    geometry.setDrawRange(0, count);
    geometry.attributes.position.needsUpdate = true;
    geometry.attributes.color.needsUpdate = true;
  }

  resize() {
    const w = Math.max(1, this.container.clientWidth);
    const h = Math.max(1, this.container.clientHeight);
    const size = this.renderer.getSize(new Vector2());
    if (size.x !== w || size.y !== h) {
      this.renderer.setSize(w, h, false);
    }
    this.camera.aspect = w / h;
    this.camera.updateProjectionMatrix();
  }

  render() {
    this.controls.update();
    this.renderer.render(this.three, this.camera);
  }
}
