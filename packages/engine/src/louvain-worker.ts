// A Louvain worker thread: it is given the weighted projection's arrays (copies) and the options, finds the
// communities (louvainCSR, the same function the calling thread would run, so the same seed gives the same result),
// writes each node's community and the modularity into memory it shares with the calling thread, and says so, once.
// See clustersInWorker in louvain-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { louvainCSR } from './louvain';
import type { LouvainThreadData, LouvainThreadResult } from './louvain-thread';

const { n, offsets, targets, weights, seed, resolution, found, community, modularity } = workerData as LouvainThreadData;
const result = louvainCSR({ n, keys: [], offsets, targets, weights }, { seed, resolution });
community.set(result.community);
modularity[0] = result.modularity;
// (after the answer is written: a thread that sees `found` sees the answer)
Atomics.store(found, 0, 1);
const answer: LouvainThreadResult = { found: true };
parentPort!.postMessage(answer);
