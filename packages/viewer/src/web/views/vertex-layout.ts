/** The pure parts of drawing vertex by vertex (views/per-vertex.ts), apart from Sigma so that they are tested in Node. */

/** How a per-vertex program lays out one item: `vertices` times (`items` attributes, then the vertex's constants). */
export interface VertexLayout {
  /** Floats of the item's own attributes (what the instanced program writes once per item). */
  items: number;
  /** Floats of one vertex: the item's attributes, then the vertex's constants. */
  width: number;
  vertices: number;
  /** The constants of each vertex, vertex after vertex (`vertices` × (`width` − `items`) floats). */
  constants: Float32Array;
}

/** The layout of a program made by `perVertex`, or undefined for any other program. */
export function vertexLayout(program: unknown): VertexLayout | undefined {
  return (program as { vertexLayout?: VertexLayout }).vertexLayout;
}

/**
 * Writes the other vertices of an item whose first vertex's own attributes are at `array[start …]`: each vertex gets a
 * copy of them, and every vertex its constants.
 */
export function spreadVertices(array: Float32Array, start: number, layout: VertexLayout): void {
  const { items, width, vertices, constants } = layout;
  const c = width - items;
  for (let v = 0; v < vertices; v++) {
    const at = start + v * width;
    if (v > 0) for (let k = 0; k < items; k++) array[at + k] = array[start + k];
    for (let k = 0; k < c; k++) array[at + items + k] = constants[v * c + k];
  }
}

/** Renderer names of WebGL drawn in software (Chromium's SwiftShader, Mesa's llvmpipe and softpipe, Microsoft's WARP). */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/** Whether a WebGL renderer's name (UNMASKED_RENDERER_WEBGL, else RENDERER) says it draws in software. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}
