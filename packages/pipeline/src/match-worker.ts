// The worker thread of matchInBackground (matching.ts): matches the entities it is given and sends the pairs back.
import { parentPort, workerData } from 'node:worker_threads';
import { matchFromColumns, type MatchColumns } from './matching';

const { order, pairs, commonNames, commonCompanyNames } = matchFromColumns(workerData as MatchColumns);
parentPort!.postMessage({ order, pairs, commonNames, commonCompanyNames }, [order.buffer]);
