// A supply-chokepoints worker thread: it is given a network (entity ids, the ends of its ties, the shipments that
// flow) and the options as data, runs the same supplyChokepointsIn the calling thread would, and answers once. See
// chokepointsInWorker in chokepoints-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { supplyChokepointsIn } from './chokepoints';
import { chokepointOptionsOf, type ChokepointsThreadData } from './chokepoints-thread';

const { network, options, found } = workerData as ChokepointsThreadData & { found: Int32Array };
const index = new Map<string, number>();
for (let i = 0; i < network.ids.length; i++) index.set(network.ids[i], i);
const result = supplyChokepointsIn({ ids: network.ids, index, ends: { from: network.from, to: network.to }, shipments: network.shipments }, chokepointOptionsOf(options, index));
parentPort!.postMessage(result);
Atomics.store(found, 0, 1);
