import { isSoftwareRenderer, spreadVertices, type VertexLayout } from '../src/web/views/vertex-layout';
import { resolveSettings } from '../src/web/core/settings';

describe('drawing vertex by vertex (views/per-vertex.ts)', () => {
  it('writes every vertex of an item: its attributes, then that vertex’s constants', () => {
    // Three vertices of two attributes and one constant each, after 5 floats of something else.
    const layout: VertexLayout = { items: 2, width: 3, vertices: 3, constants: Float32Array.from([10, 20, 30]) };
    const array = new Float32Array(5 + 9).fill(-1);
    array[5] = 1.5;
    array[6] = 2.5;
    spreadVertices(array, 5, layout);
    expect([...array]).toEqual([-1, -1, -1, -1, -1, 1.5, 2.5, 10, 1.5, 2.5, 20, 1.5, 2.5, 30]);
  });

  it('writes constants of several floats per vertex in order', () => {
    const layout: VertexLayout = { items: 1, width: 3, vertices: 2, constants: Float32Array.from([1, 2, 3, 4]) };
    const array = new Float32Array(6);
    array[0] = 7;
    spreadVertices(array, 0, layout);
    expect([...array]).toEqual([7, 1, 2, 7, 3, 4]);
  });

  it('tells software WebGL renderers from GPUs by their names', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)')).toBe(false);
    expect(isSoftwareRenderer('Apple M2')).toBe(false);
    expect(isSoftwareRenderer('Mesa Intel(R) UHD Graphics 620 (KBL GT2)')).toBe(false);
  });

  it('takes the drawing mode as a setting, and refuses any other', () => {
    expect(resolveSettings().drawing).toBe('auto');
    expect(resolveSettings({ drawing: 'vertices' }).drawing).toBe('vertices');
    expect(resolveSettings({ drawing: 'instanced' }).drawing).toBe('instanced');
    expect(() => resolveSettings({ drawing: 'fast' as never })).toThrow(/drawing must be one of auto, instanced, vertices, got fast/);
  });
});
