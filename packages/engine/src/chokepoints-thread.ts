import { convertMoney, valueDate, type FxTable, type Shipment } from '@chokepoint/model';
import { supplyChokepointsIn, type ChokepointNetwork, type ChokepointOptions, type ChokepointResult } from './chokepoints';
import { answerOnce } from './worker-answer';

/**
 * Below this many ties and shipments together, the supply chokepoints are found on the calling thread: a worker costs
 * tens of milliseconds to start and copy the network, more than the search takes on a small network.
 */
export const CHOKEPOINTS_THREAD_ABOVE = 500_000;

/**
 * The options of supplyChokepointsIn as a worker thread can be given them: data, not functions. The network's
 * shipments are the ones that flow (no `shipments` filter); `groups` gives each entity's company group by position
 * (0: none), for `groupOf`; `fx` converts values into its base currency, for `value` and `valueCurrency`.
 */
export interface ChokepointThreadOptions extends Omit<ChokepointOptions, 'shipments' | 'value' | 'valueCurrency' | 'groupOf' | 'onStep'> {
  groups?: Int32Array;
  fx?: FxTable;
}

/** What a chokepoints worker thread is given. */
export interface ChokepointsThreadData {
  network: { ids: readonly string[]; from: Int32Array; to: Int32Array; shipments: readonly Shipment[] };
  options: ChokepointThreadOptions;
}

/** A shipment's value converted with `fx` into its base currency (undefined when it has none or no rate serves). */
export function valueWith(fx: FxTable): Required<Pick<ChokepointOptions, 'value' | 'valueCurrency'>> {
  return {
    value: (s) => (s.value === undefined || s.currency === undefined ? undefined : convertMoney(fx, s.value, s.currency, valueDate(s))),
    valueCurrency: fx.base,
  };
}

/** ChokepointThreadOptions as supplyChokepointsIn takes them, over a network whose entity ids index `index`. */
export function chokepointOptionsOf(options: ChokepointThreadOptions, index: ReadonlyMap<string, number>): ChokepointOptions {
  const { groups, fx, ...rest } = options;
  return {
    ...rest,
    ...(groups === undefined ? {} : { groupOf: (id: string) => { const at = index.get(id); return at === undefined ? undefined : groups[at]; } }),
    ...(fx === undefined ? {} : valueWith(fx)),
  };
}

/** The fields of a shipment the supply-chokepoint analysis reads (and its check names): what a worker is sent. */
const FLOW_FIELDS = ['id', 'supplier', 'buyer', 'consignee', 'payer', 'quantity', 'unit', 'quantityKg', 'value', 'currency', 'shipped', 'received', 'origin'] as const;

function flowShipment(s: Shipment): Shipment {
  const out: Record<string, unknown> = {};
  for (const k of FLOW_FIELDS) if (s[k] !== undefined) out[k] = s[k];
  return out as unknown as Shipment;
}

/**
 * supplyChokepointsIn in a worker thread, so that the calling thread goes on with other work (the red-flag rules)
 * meanwhile: the same function on copies of the same network and options, so the same result. The worker is sent
 * the ids, the ends of the ties (typed arrays) and, of the shipments that flow, only the fields the analysis reads.
 * A worker that cannot start or stops is no one's problem: the search then runs on this thread, `onFallback` told why.
 * `settled()` says whether the result is there without turning the event loop.
 */
export function chokepointsInWorker(
  network: ChokepointNetwork,
  options: ChokepointThreadOptions,
  hooks: { onFallback?: (why: string) => void } = {},
): { result: Promise<ChokepointResult>; settled(): boolean; cancel(): void } {
  const found = new Int32Array(new SharedArrayBuffer(4));
  const data: ChokepointsThreadData & { found: Int32Array } = {
    network: { ids: network.ids, from: network.ends.from, to: network.ends.to, shipments: network.shipments.map(flowShipment) },
    options,
    found,
  };
  let done = false;
  const run = answerOnce<ChokepointResult, ChokepointResult>(
    'chokepoints-worker',
    data,
    (m) => m,
    (why) => {
      hooks.onFallback?.(why);
      return supplyChokepointsIn(network, chokepointOptionsOf(options, network.index));
    },
  );
  const result = run.answer.finally(() => {
    done = true;
  });
  return { result, settled: () => done || Atomics.load(found, 0) === 1, cancel: run.cancel };
}
