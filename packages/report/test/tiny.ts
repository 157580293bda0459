import { join } from 'node:path';
import { analyze, rankKeyNodesOf } from '@chokepoint/engine';
import { evaluateFlags, loadReference } from '@chokepoint/flags';
import { readBundle } from '@chokepoint/ingest';
import { buildReport, type Report } from '@chokepoint/report';

export const TINY = join(__dirname, '..', '..', 'cli', 'test', 'fixtures', 'tiny');

/** The report of the CLI's tiny bundle, analysed as `analyze` does. */
export async function tinyReport(seed = 1): Promise<Report> {
  const bundle = await readBundle(TINY);
  const analysis = analyze(bundle, { seed });
  const keyNodes = rankKeyNodesOf(analysis, bundle, { names: new Map(bundle.entities.map((e) => [e.id, e.name])) });
  return buildReport(bundle, analysis, evaluateFlags(bundle, analysis, loadReference()), { toolVersion: '0.0.0-test', lenient: false }, { keyNodes });
}
