/** Screen = content × k + (x, y). */
export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export const MIN_ZOOM = 0.2;
export const MAX_ZOOM = 4;
/** Fitting never enlarges a small map beyond this. */
const MAX_FIT_ZOOM = 1.25;

export const IDENTITY: ViewTransform = { x: 0, y: 0, k: 1 };

function clampZoom(k: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));
}

/** Zooms by `factor` keeping the content under the screen point `at` where it is. */
export function zoomAt(
  view: ViewTransform,
  factor: number,
  at: { readonly x: number; readonly y: number },
): ViewTransform {
  const k = clampZoom(view.k * factor);
  const ratio = k / view.k;
  return { k, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio };
}

export function panBy(view: ViewTransform, dx: number, dy: number): ViewTransform {
  return { ...view, x: view.x + dx, y: view.y + dy };
}

/** The whole content visible and centred in the viewport, with `padding` pixels around it. */
export function fitView(
  content: { readonly width: number; readonly height: number },
  viewport: { readonly width: number; readonly height: number },
  padding = 16,
): ViewTransform {
  if (content.width <= 0 || content.height <= 0 || viewport.width <= 0 || viewport.height <= 0) {
    return IDENTITY;
  }
  const k = clampZoom(
    Math.min(
      MAX_FIT_ZOOM,
      (viewport.width - 2 * padding) / content.width,
      (viewport.height - 2 * padding) / content.height,
    ),
  );
  return {
    k,
    x: (viewport.width - content.width * k) / 2,
    y: (viewport.height - content.height * k) / 2,
  };
}

/** A wheel's `deltaY` as a zoom factor: a notch of 100 zooms by about 15 %. */
export function wheelZoomFactor(deltaY: number): number {
  return Math.exp(-deltaY * 0.0015);
}
