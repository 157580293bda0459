// A Louvain worker thread: it is given the weighted projection's arrays (copies) and the options, finds the
// communities (louvainCSR, the same function the calling thread would run, so the same seed gives the same result),
// and answers with each node's community and the modularity, once. See clustersInBackground in louvain-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { louvainCSR } from './louvain';
import type { LouvainThreadData, LouvainThreadResult } from './louvain-thread';

const { n, offsets, targets, weights, seed, resolution, found } = workerData as LouvainThreadData;
const result = louvainCSR({ n, keys: [], offsets, targets, weights }, { seed, resolution });
const answer: LouvainThreadResult = { community: result.community, modularity: result.modularity };
parentPort!.postMessage(answer, [result.community.buffer as ArrayBuffer]);
Atomics.store(found, 0, 1);
