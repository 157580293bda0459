import { clockText, progressReporter } from '../src/io';

describe('progress clock', () => {
  it('reads as seconds under a minute, minutes and whole seconds after, never 60 s', () => {
    expect(clockText(0.04)).toBe('0.0 s');
    expect(clockText(59.94)).toBe('59.9 s');
    expect(clockText(59.96)).toBe('1 min 0 s');
    expect(clockText(179.6)).toBe('3 min 0 s');
    expect(clockText(179.4)).toBe('2 min 59 s');
    expect(clockText(3600)).toBe('60 min 0 s');
  });

  it('writes each message with the time since the start, and nothing when quiet', () => {
    const lines: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => lines.push(t) } as never;
    let t = 1000;
    const report = progressReporter(io, false, () => t);
    t += 179_600;
    report('estimating betweenness');
    progressReporter(io, true, () => t)('silent');
    expect(lines).toEqual(['chokepoint: estimating betweenness (3 min 0 s)\n']);
  });
});
