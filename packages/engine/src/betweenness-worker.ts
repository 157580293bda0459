// Runs Brandes from a share of the sources in a worker thread; the graph arrays are shared memory.
import { parentPort, workerData } from 'node:worker_threads';
import { brandesRaw, type Adjacency } from './betweenness';

const { adjacency, sources, weighted } = workerData as { adjacency: Adjacency; sources: Int32Array; weighted: boolean };
const raw = brandesRaw(adjacency, sources, weighted);
parentPort!.postMessage(raw, [raw.buffer]);
