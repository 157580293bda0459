export {
  projectBundle,
  projectionPairs,
  tradeWeight,
  TIE_WEIGHTS,
  type ProjectionOptions,
  type ProjectionPair,
} from './projection';
export { EngineInputError } from './errors';
export { indexLists, largeBuffer, largeFloat64Array, largeInt32Array, largeUint8Array, LARGE_ARRAY_BYTES, type IndexLists } from './arrays';
export { checkBundle, checkedBundle, checkedIfValid, forgetCheckedBundle, MAX_TOTAL, type CheckedBundle } from './input';
export { toUndirectedCSR, csrFromEdgeList, type UndirectedCSR, type CSROptions } from './csr';
export { cutPoints, cutPointsCSR, type CutPoints, type CutPointArrays, type ArticulationPoint, type Bridge } from './cut-points';
export { betweenness, betweennessCSR, betweennessScale, BETWEENNESS_DEFAULTS, type BetweennessOptions } from './betweenness';
export { clustersFromAssignment, clustersFromAssignmentCSR, detectClusters, detectClustersCSR, modularity, CLUSTER_DEFAULTS, type Clustering, type ClusterOptions } from './clusters';
export { haversineKm, nearestSite, groupGeography, median, EARTH_RADIUS_KM, PROXIMITY_DEFAULTS, type LatLon, type Site, type NearestSite, type GroupGeography, type ProximityOptions } from './geo';
export {
  rankKeyNodes,
  controlDiscount,
  controlWords,
  KEY_NODE_DEFAULTS,
  KEY_NODE_WEIGHTS,
  FLAG_SEVERITY_WEIGHTS,
  LONE_CUT_OFF_WEIGHT,
  CONTROL_DISCOUNTS,
  LOOSE_END_FACTOR,
  KEY_NODE_ROLES,
  type KeyNodeRole,
  type KeyNode,
  type KeyNodeInputs,
  type KeyNodeOptions,
  type KeyNodeMeasures,
  type FlagTally,
  type FlowCutInput,
} from './key-nodes';
export { analyze, analyzeAsync, startAnalysis, brokerageOfCase, brokerageInBackground, betweennessInfoOf, exactBetweennessInfo, rankKeyNodesOf, ANALYZE_DEFAULTS, AUTO_EXACT_LIMIT, AUTO_EPSILON, type Analysis, type AnalyzeOptions, type BetweennessInfo, type ExternalResults, type EntityResult, type ClusterResult, type GroupResult, type BridgeResult, type KeyNodeExtras, type CrossingAnalysis, type AnalysisInProgress, type BrokerageOfCase } from './analyze';
export { BROKERAGE_THREAD_ABOVE } from './brokerage-thread';
export { louvainInWorker, LOUVAIN_THREAD_ABOVE } from './louvain-thread';
export { brokerage, countsOf, type BrokerageInput, type BrokerageResult, type BrokerageCounts } from './brokerage';
export { controlChains, CONTROL_DEFAULTS, type ControlOptions, type ControlStep, type Controlled } from './control';
export { companyGroups, groupTieKinds, phoneKey, addressKey, GROUP_TIE_KINDS, HUB_GROUPS, type CompanyGroup, type CompanyGroups, type GroupTie, type GroupTieKind } from './groups';
export { seededRandom } from './random';
export { maxFlow, FlowNetwork, MAX_CAPACITY_TOTAL, minVertexCut, immediateDominators, setDominators, disrupt, largestComponent, outAdjacency, type DirectedFlowGraph, type FlowResult, type DominatorResult, type DisruptionStep, type DisruptionOptions } from './flow';
export { supplyChokepoints, supplyChokepointsIn, shipmentMass, shipmentReceiver, CHOKEPOINT_DEFAULTS, type ChokepointNetwork, type ChokepointOptions, type ChokepointResult, type FlowCut } from './chokepoints';
export { entityHints, parseSelector, selectEntities, shipmentMatches, matchesExpression, SelectorError, type Selector, type Expression } from './selection';
export { brandesRaw, undirectedAdjacency, type Adjacency } from './betweenness';
export { betweennessRun, betweennessRunCSR, directedAdjacency, formatBound, BETWEENNESS_RUN_DEFAULTS, type BetweennessRun, type BetweennessRunOptions } from './parallel';
export { PathSampler, RK_CONSTANT, rkSampleSize, rkEpsilon, vcDimensionBound, vertexDiameterBound, type DiameterBound } from './betweenness-sampling';
export { louvainCSR, modularityCSR, LOUVAIN_DEFAULTS, type LouvainOptions, type LouvainResult } from './louvain';
export { pathsToListed, LISTED_PATH_DEFAULTS, type ListedPath, type PathStep } from './listed-paths';
export { countWords, stepText, stepsOf, type ProgressStep, type OnStep, type StepCount } from './progress';
export { largestBy } from './largest';
