// A brokerage worker thread: it is given the two inputs of the key-node ranking's brokerage (ties, trade: typed
// arrays), counts both with the same `brokerage` the calling thread would run, and answers once. See
// brokerageInWorker in brokerage-thread.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { brokerage, type BrokerageResult } from './brokerage';
import type { BrokerageThreadData } from './brokerage-thread';

const { ties, trade } = workerData as BrokerageThreadData;
const answer: [BrokerageResult, BrokerageResult] = [brokerage(ties), brokerage(trade)];
const buffers = answer.flatMap((r) => Object.values(r).map((a: Float64Array | Int32Array) => a.buffer as ArrayBuffer));
parentPort!.postMessage(answer, buffers);
