export { runAnalysis, prepareBundle, mostFlagged, type PipelineOptions, type PipelineHooks, type PipelineResult, type PreparedBundle } from './run';
export { chokepointsFor, goodsOf, CHOKEPOINT_SELECTION_DEFAULTS, type ChokepointSelection } from './chokepoints';
export { loadFxTable, loadDensities, loadMeasuresData, type MeasuresData } from './measures-data';
export { canonicalOrder } from './order';
export { readInput, readScreeningList, type ReadOptions } from './input';
export { PipelineError, PipelineOptionsError, MeasuresDataError, InputTooLargeError, bytesForPeople } from './errors';
export { checkMemory, estimateMemory, estimateReportMemory, HEAP_PER_INPUT_BYTE, HEAP_PER_REPORT_BYTE, type MemoryEstimate } from './memory';
export { disruptReport, ratesOfReport, type DisruptOptions, type DisruptResult } from './disrupt';
export { matchInBackground, matchFromColumns, matchColumns, MATCH_WHILE_READING_MIN_ENTITIES, type Matching, type EarlyMatches, type MatchColumns } from './matching';
