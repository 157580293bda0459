/**
 * How nodes and ties are given to WebGL: `instanced` (Sigma's way: one set of attributes per item; cheapest on a GPU),
 * `vertices` (each item written out as its vertices: many times faster where WebGL is drawn in software, see
 * views/per-vertex.ts), or `auto`: `vertices` when the browser's WebGL names a software renderer, else `instanced`.
 */
export type DrawingMode = 'auto' | 'instanced' | 'vertices';
export const DRAWING_MODES: readonly DrawingMode[] = ['auto', 'instanced', 'vertices'];

/** Viewer settings in one place, with their checks (the sigma.js way). */
export interface ViewerSettings {
  /** Graphs with more nodes than this draw labels only for the largest nodes. */
  largeGraph: number;
  /** Rendered size (px) from which a node gets a label in a large graph. */
  largeGraphLabelSize: number;
  /** How long ForceAtlas2 runs on its own after opening, in ms (0: do not start it). */
  autoLayoutMs: number;
  /**
   * The fewest iterations it runs before that stop, up to four times autoLayoutMs: a busy machine (software WebGL,
   * other work) lays out less in the same time and left discs piled up (about 100 iterations in 4 s here when idle).
   */
  autoLayoutMinIterations: number;
  /** Search results shown at once. */
  searchResults: number;
  /** Camera zoom ratio when focusing on an entity. */
  focusRatio: number;
  /** Networks with more drawn edges than this draw them without arrow heads (half the GPU work). */
  maxArrowEdges: number;
  /** How nodes and ties are given to WebGL (see DrawingMode). */
  drawing: DrawingMode;
  /**
   * Where WebGL is drawn in software (`vertices`): draw the dimmed network's ties on the CPU instead, several times
   * faster there (views/cpu-lines.ts). No effect with a GPU.
   */
  cpuLines: boolean;
}

export const DEFAULT_SETTINGS: ViewerSettings = {
  largeGraph: 2000,
  largeGraphLabelSize: 12,
  autoLayoutMs: 4000,
  autoLayoutMinIterations: 90,
  searchResults: 15,
  focusRatio: 0.25,
  maxArrowEdges: 100000,
  drawing: 'auto',
  cpuLines: true,
};

/** Merges overrides into the defaults, refusing values that would break the viewer. */
export function resolveSettings(overrides: Partial<ViewerSettings> = {}): ViewerSettings {
  const s = { ...DEFAULT_SETTINGS, ...overrides };
  if (!DRAWING_MODES.includes(s.drawing)) {
    throw new Error(`viewer setting drawing must be one of ${DRAWING_MODES.join(', ')}, got ${String(s.drawing)}`);
  }
  if (typeof s.cpuLines !== 'boolean') throw new Error(`viewer setting cpuLines must be true or false, got ${String(s.cpuLines)}`);
  for (const [key, value] of Object.entries(s)) {
    if (key === 'drawing' || key === 'cpuLines') continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new Error(`viewer setting ${key} must be a number of 0 or more, got ${String(value)}`);
    }
  }
  if (s.focusRatio <= 0) throw new Error('viewer setting focusRatio must be greater than 0');
  return s;
}
