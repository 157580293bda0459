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

  it('tells how far a stage is only when its last line is ten seconds old, and never once it is done', () => {
    const lines: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => lines.push(t) } as never;
    let t = 0;
    const report = progressReporter(io, false, () => t);
    report('evaluating red-flag rules');
    for (let done = 0; done < 18; done++) {
      t += 1500; // a rule every 1.5 s
      report(`evaluating red-flag rules: ${done} of 18 rules done`, { done, total: 18 });
    }
    report('writing the report: 18 of 18', { done: 18, total: 18 });
    t += 30_000;
    report('writing the report: 18 of 18', { done: 18, total: 18 });
    expect(lines.slice(0, 3)).toEqual([
      'chokepoint: evaluating red-flag rules (0.0 s)\n',
      'chokepoint: evaluating red-flag rules: 6 of 18 rules done (10.5 s)\n',
      'chokepoint: evaluating red-flag rules: 13 of 18 rules done (21.0 s)\n',
    ]);
    // A step whose number of steps is not known ahead (Louvain's levels) is shown on the same clock.
    report('finding clusters (Louvain)');
    t += 4000;
    report('finding clusters (Louvain): pass 1, level 1: 52,000 communities of 1,000,000 entities', { done: 1 });
    t += 7000;
    report('finding clusters (Louvain): pass 1, level 2: 2,100 communities of 1,000,000 entities', { done: 2 });
    expect(lines.slice(3)).toEqual(['chokepoint: finding clusters (Louvain) (57.0 s)\n', 'chokepoint: finding clusters (Louvain): pass 1, level 2: 2,100 communities of 1,000,000 entities (1 min 8 s)\n']);
    const quiet: string[] = [];
    progressReporter({ stdout: () => undefined, stderr: (x: string) => quiet.push(x) } as never, true, () => (t += 60_000))('reading: 5%', { done: 5, total: 100 });
    expect(quiet).toEqual([]);
  });
});
