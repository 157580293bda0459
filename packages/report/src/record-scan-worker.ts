// The worker thread of scanRecordsInBackground (record-scan.ts): one pass over a records file, its arrays sent back.
import { parentPort, workerData } from 'node:worker_threads';
import { scanRecords, type RecordScan } from './record-scan';

const { file, chunkBytes } = workerData as { file: string; chunkBytes?: number };
try {
  const scan: RecordScan = scanRecords(file, { chunkBytes, onBytes: (bytes) => parentPort!.postMessage({ bytes }) });
  const arrays = [scan.from, scan.to, scan.idBytes, scan.idStarts, scan.firstLine, scan.firstEnd, scan.kinds, scan.shipmentIdHashes, scan.start, scan.length];
  parentPort!.postMessage({ scan }, arrays.map((a) => a.buffer as ArrayBuffer));
} catch (err) {
  parentPort!.postMessage({ error: { code: (err as NodeJS.ErrnoException).code, message: (err as Error).message } });
}
