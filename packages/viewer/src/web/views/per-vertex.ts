import { createEdgeCompoundProgram, EdgeArrowHeadProgram, EdgeClampedProgram, type EdgeProgramType } from 'sigma/rendering';
import type { DrawingMode } from '../core/settings';
import { isSoftwareRenderer, spreadVertices, type VertexLayout } from './vertex-layout';

/**
 * Sigma's programs drawn vertex by vertex instead of instance by instance.
 *
 * Sigma 3 draws nodes and edges as instances: each node or tie one set of attributes, drawn with a few constant
 * vertices (a triangle for a node, a quad and a head for an arrow). On a GPU that is the cheapest way. But without one,
 * Chromium draws WebGL with SwiftShader, which processes an instanced draw instance by instance, each with the set-up
 * of a draw call of its own: measured here (a page drawing one triangle per item, 2 × AMD EPYC, Chromium 156
 * headless), 20,000 instanced triangles took 330–490 ms and 100,000 took 1–1.9 s, where the same triangles written
 * vertex by vertex took 14–35 ms and 31–40 ms. That was most of every frame of the whole network (a node moved, an
 * entity hidden, a path drawn over it): 1.1 s of its 1.4 s went to the ties' instances.
 *
 * `perVertex(Program)` is the same program with every instance written out as its vertices: the attributes of the
 * item repeated at each vertex, each followed by that vertex's constants (the instanced program's `CONSTANT_DATA`),
 * drawn by one `drawArrays`. The shaders are the same (an attribute is read the same way whether it changes per
 * vertex or per instance), so are the pictures; the buffers are larger (a node's three vertices, a tie's six and
 * three), which costs a GPU more than it saves it. So the viewer draws vertex by vertex only where the WebGL is drawn
 * in software (`useVertexDrawing`).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProgramClass = new (...args: any[]) => any;
const made = new WeakMap<AnyProgramClass, AnyProgramClass>();

/**
 * The per-vertex version of an instanced Sigma program class (the class itself when it is not instanced); one class
 * per program class, so that Sigma, which compares classes when settings change, sees the same one each time.
 */
export function perVertex<P extends AnyProgramClass>(Program: P): P {
  const known = made.get(Program);
  if (known !== undefined) return known as P;
  const Base = Program as AnyProgramClass;
  class PerVertex extends Base {
    vertexLayout?: VertexLayout;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    constructor(...args: any[]) {
      super(...args);
      // Sigma's constructor read the definition below: the item's attributes and the constants, side by side.
      const def = super.getDefinition();
      if (!('CONSTANT_ATTRIBUTES' in def)) return;
      const width = this.ATTRIBUTES_ITEMS_COUNT as number;
      const vertices = def.VERTICES as number;
      const rows = def.CONSTANT_DATA as number[][];
      const c = rows[0]?.length ?? 0;
      if (rows.length !== vertices || rows.some((r) => r.length !== c)) throw new Error('perVertex: constant data that does not fit the vertices');
      this.vertexLayout = { items: width - c, width, vertices, constants: Float32Array.from(rows.flat()) };
    }
    getDefinition(): unknown {
      const def = super.getDefinition();
      if (!('CONSTANT_ATTRIBUTES' in def)) return def;
      const { CONSTANT_ATTRIBUTES, CONSTANT_DATA: _constants, ...rest } = def;
      return { ...rest, ATTRIBUTES: [...def.ATTRIBUTES, ...CONSTANT_ATTRIBUTES] };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    processVisibleItem(id: number, start: number, ...rest: any[]): void {
      // The instanced program writes the item's attributes once, where the first vertex's are.
      super.processVisibleItem(id, start, ...rest);
      if (this.vertexLayout !== undefined) spreadVertices(this.array, start, this.vertexLayout);
    }
  }
  made.set(Program, PerVertex);
  return PerVertex as unknown as P;
}

/** The arrow (a line clamped at the target, and the head) of Sigma's own classes, instanced or vertex by vertex. */
export function arrowProgram(mode: 'instanced' | 'vertices'): EdgeProgramType {
  const classes = mode === 'vertices' ? [perVertex(EdgeClampedProgram), perVertex(EdgeArrowHeadProgram)] : [EdgeClampedProgram, EdgeArrowHeadProgram];
  return createEdgeCompoundProgram(classes) as unknown as EdgeProgramType;
}

let detected: boolean | undefined;

/**
 * Whether the viewer draws vertex by vertex: `vertices` and `instanced` as the setting says; `auto` when this
 * browser's WebGL draws in software (asked once per page, of a context made for the question and let go).
 */
export function useVertexDrawing(mode: DrawingMode): boolean {
  if (mode !== 'auto') return mode === 'vertices';
  if (detected === undefined) {
    detected = false;
    try {
      const gl = document.createElement('canvas').getContext('webgl');
      if (gl !== null) {
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        const name = String(gl.getParameter(info === null ? gl.RENDERER : info.UNMASKED_RENDERER_WEBGL) ?? '');
        detected = isSoftwareRenderer(name);
        gl.getExtension('WEBGL_lose_context')?.loseContext();
      }
    } catch {
      detected = false;
    }
  }
  return detected;
}
