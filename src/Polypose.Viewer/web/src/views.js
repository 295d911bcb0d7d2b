// The per-view 2D panel: for each camera, its image frame with the 2D detections (grey) and the 3D people
// reprojected through the full camera model by the server (coloured by id). One request in flight at a time; when
// the frame moves on meanwhile, the latest frame is asked for next.
import { idCss } from './data.js';

const PANEL_WIDTH = 320;

export class ViewPanel {
  constructor(container, scene, onDrawn) {
    this.scene = scene;
    this.onDrawn = onDrawn;
    this.wanted = -1;
    this.busy = false;
    this.canvases = scene.cameras.map((cam) => {
      const figure = document.createElement('figure');
      const canvas = document.createElement('canvas');
      canvas.width = PANEL_WIDTH;
      canvas.height = Math.max(1, Math.round(PANEL_WIDTH * cam.height / cam.width));
      const caption = document.createElement('figcaption');
      caption.textContent = `${cam.name} (${cam.width}×${cam.height})`;
      figure.append(canvas, caption);
      container.appendChild(figure);
      return canvas;
    });
    if (this.canvases.length === 0) {
      container.textContent = 'no calibration given: the 2D panel needs --calib';
    }
  }

  show(frameNumber) {
    if (this.canvases.length === 0) return;
    this.wanted = frameNumber;
    if (!this.busy) this.fetchNext();
  }

  async fetchNext() {
    const frame = this.wanted;
    this.busy = true;
    try {
      const response = await fetch(`/api/views?frame=${frame}`);
      if (!response.ok) throw new Error(`views of frame ${frame}: HTTP ${response.status}`);
      this.draw(await response.json());
      this.onDrawn(frame);
    } finally {
      this.busy = false;
    }
    if (this.wanted !== frame) this.fetchNext();
  }

  draw(data) {
    const bones = this.scene.bones;
    data.views.forEach((view, v) => {
      const canvas = this.canvases[v];
      const cam = this.scene.cameras[v];
      const g = canvas.getContext('2d');
      const k = canvas.width / cam.width;
      g.clearRect(0, 0, canvas.width, canvas.height);
      g.lineWidth = 1.5;
      for (const det of view.detections) {
        g.strokeStyle = 'rgba(170, 176, 188, 0.8)';
        g.fillStyle = 'rgba(170, 176, 188, 0.8)';
        for (const [a, b] of bones) {
          if (det[a * 3 + 2] <= 0 || det[b * 3 + 2] <= 0) continue;
          line(g, det[a * 3] * k, det[a * 3 + 1] * k, det[b * 3] * k, det[b * 3 + 1] * k);
        }
        for (let j = 0; j * 3 < det.length; j++) {
          if (det[j * 3 + 2] > 0) g.fillRect(det[j * 3] * k - 1.5, det[j * 3 + 1] * k - 1.5, 3, 3);
        }
      }
      for (const person of view.reprojections) {
        const xy = person.xy;
        g.strokeStyle = idCss(person.id);
        g.setLineDash([4, 2]);
        for (const [a, b] of bones) {
          if (xy[a * 2] === null || xy[b * 2] === null) continue;
          line(g, xy[a * 2] * k, xy[a * 2 + 1] * k, xy[b * 2] * k, xy[b * 2 + 1] * k);
        }
        g.setLineDash([]);
      }
    });
  }
}

function line(g, x0, y0, x1, y1) {
  g.beginPath();
  g.moveTo(x0, y0);
  g.lineTo(x1, y1);
  g.stroke();
}
