/**
 * A constant-velocity Kalman filter for one box: four independent (position, velocity) filters for centre x,
 * centre y, width and height. Process noise grows with the box size, as in SORT/ByteTrack.
 */
import type { Rect } from './geometry.ts';

type Axis = { x: number; v: number; pxx: number; pxv: number; pvv: number };

const POSITION_NOISE = 1 / 20;
const VELOCITY_NOISE = 1 / 160;

function axis(x: number, scale: number): Axis {
  const sp = 2 * POSITION_NOISE * scale;
  const sv = 10 * VELOCITY_NOISE * scale;
  return { x, v: 0, pxx: sp * sp, pxv: 0, pvv: sv * sv };
}

function predictAxis(a: Axis, scale: number): Axis {
  const q = (POSITION_NOISE * scale) ** 2;
  const qv = (VELOCITY_NOISE * scale) ** 2;
  return {
    x: a.x + a.v,
    v: a.v,
    pxx: a.pxx + 2 * a.pxv + a.pvv + q,
    pxv: a.pxv + a.pvv,
    pvv: a.pvv + qv,
  };
}

function updateAxis(a: Axis, measured: number, scale: number): Axis {
  const r = (POSITION_NOISE * scale) ** 2;
  const s = a.pxx + r;
  const kx = a.pxx / s;
  const kv = a.pxv / s;
  const residual = measured - a.x;
  return {
    x: a.x + kx * residual,
    v: a.v + kv * residual,
    pxx: (1 - kx) * a.pxx,
    pxv: (1 - kx) * a.pxv,
    pvv: a.pvv - kv * a.pxv,
  };
}

export type BoxFilter = { axes: [Axis, Axis, Axis, Axis] };

function measure(r: Rect): [number, number, number, number] {
  return [r.x + r.w / 2, r.y + r.h / 2, r.w, r.h];
}

function scaleOf(f: BoxFilter): number {
  return Math.max(1, f.axes[3].x);
}

export function startFilter(r: Rect): BoxFilter {
  const m = measure(r);
  const scale = Math.max(1, r.h);
  return { axes: [axis(m[0], scale), axis(m[1], scale), axis(m[2], scale), axis(m[3], scale)] };
}

export function predictFilter(f: BoxFilter): BoxFilter {
  const scale = scaleOf(f);
  const [a, b, c, d] = f.axes;
  return {
    axes: [
      predictAxis(a, scale),
      predictAxis(b, scale),
      predictAxis(c, scale),
      predictAxis(d, scale),
    ],
  };
}

export function updateFilter(f: BoxFilter, r: Rect): BoxFilter {
  const scale = scaleOf(f);
  const m = measure(r);
  const [a, b, c, d] = f.axes;
  return {
    axes: [
      updateAxis(a, m[0], scale),
      updateAxis(b, m[1], scale),
      updateAxis(c, m[2], scale),
      updateAxis(d, m[3], scale),
    ],
  };
}

export function filterBox(f: BoxFilter): Rect {
  const [cx, cy, w, h] = f.axes.map((a) => a.x) as [number, number, number, number];
  const width = Math.max(1, w);
  const height = Math.max(1, h);
  return { x: cx - width / 2, y: cy - height / 2, w: width, h: height };
}
