import { answerOnce } from './worker-answer';
import { brokerage, type BrokerageInput, type BrokerageResult } from './brokerage';

/** What a brokerage worker thread is given: the inputs of the two counts (copies of their arrays). */
export interface BrokerageThreadData {
  ties: BrokerageInput;
  trade: BrokerageInput;
}

/**
 * Below this many ties and shipments together, brokerage is counted on the calling thread: a worker costs tens of
 * milliseconds to start and copy the arrays, more than the counts take on a small network.
 */
export const BROKERAGE_THREAD_ABOVE = 500_000;

/**
 * `brokerage(ties)` and `brokerage(trade)` in a worker thread: the same function on copies of the same arrays, so the
 * same counts. A worker that cannot start or stops is no one's problem: the counts are then made on this thread.
 */
export function brokerageInWorker(ties: BrokerageInput, trade: BrokerageInput): { counts: Promise<[BrokerageResult, BrokerageResult]>; cancel(): void } {
  const data: BrokerageThreadData = { ties: plain(ties), trade: plain(trade) };
  const run = answerOnce<[BrokerageResult, BrokerageResult], [BrokerageResult, BrokerageResult]>(
    'brokerage-worker',
    data,
    (m) => m,
    () => [brokerage(ties), brokerage(trade)],
  );
  return { counts: run.answer, cancel: run.cancel };
}

/**
 * A brokerage input as a worker can be given it: its arrays as typed arrays (an ArrayLike may be a plain array). Typed
 * arrays are given as they are: sending them copies them already.
 */
function plain(input: BrokerageInput): BrokerageInput {
  const typed = (a: ArrayLike<number>): Int32Array => (a instanceof Int32Array ? a : Int32Array.from(a));
  return {
    n: input.n,
    source: typed(input.source),
    target: typed(input.target),
    group: typed(input.group),
    country: typed(input.country),
    ...(input.relevant === undefined ? {} : { relevant: input.relevant }),
    ...(input.exactPaths === undefined ? {} : { exactPaths: input.exactPaths }),
  };
}
