// A betweenness worker thread: the graph arrays are shared memory; it answers one request at a time (see
// WorkerRequest in parallel.ts): Brandes from a share of the sources, or sampled shortest paths by number.
import { parentPort, workerData } from 'node:worker_threads';
import { brandesRaw } from './betweenness';
import { PathSampler } from './betweenness-sampling';
import type { WorkerData, WorkerRequest } from './parallel';

const { adjacency, weighted, seed } = workerData as WorkerData;
let sampler: PathSampler | null = null;

parentPort!.on('message', (m: WorkerRequest) => {
  if (m.kind === 'brandes') {
    const raw = brandesRaw(adjacency, m.sources, weighted);
    parentPort!.postMessage(raw, [raw.buffer]);
  } else if (m.kind === 'sample') {
    sampler ??= new PathSampler(adjacency, weighted, seed);
    sampler.run(m.from, m.to);
    parentPort!.postMessage({ connected: sampler.connected });
  } else {
    const counts = sampler ? sampler.counts.slice() : new Float64Array(adjacency.n);
    const connected = sampler ? sampler.connected : 0;
    sampler?.clearCounts();
    if (sampler) sampler.connected = 0;
    parentPort!.postMessage({ counts, connected }, [counts.buffer]);
  }
});
