export {
  projectBundle,
  projectionPairs,
  tradeWeight,
  TIE_WEIGHTS,
  type ProjectionOptions,
  type ProjectionPair,
} from './projection';
export { EngineInputError } from './errors';
export { checkBundle, MAX_TOTAL } from './input';
export { toUndirectedCSR, csrFromEdgeList, type UndirectedCSR, type CSROptions } from './csr';
export { cutPoints, cutPointsCSR, type CutPoints, type CutPointArrays, type ArticulationPoint, type Bridge } from './cut-points';
export { betweenness, betweennessCSR, betweennessScale, BETWEENNESS_DEFAULTS, type BetweennessOptions } from './betweenness';
export { clustersFromAssignment, clustersFromAssignmentCSR, detectClusters, detectClustersCSR, modularity, CLUSTER_DEFAULTS, type Clustering, type ClusterOptions } from './clusters';
export { haversineKm, nearestSite, groupGeography, median, EARTH_RADIUS_KM, type LatLon, type Site, type NearestSite, type GroupGeography } from './geo';
export { rankKeyNodes, KEY_NODE_DEFAULTS, type KeyNode, type KeyNodeInputs, type KeyNodeOptions } from './key-nodes';
export { analyze, analyzeAsync, ANALYZE_DEFAULTS, AUTO_EXACT_LIMIT, AUTO_EPSILON, type Analysis, type AnalyzeOptions, type BetweennessInfo, type ExternalResults, type EntityResult, type ClusterResult, type BridgeResult } from './analyze';
export { seededRandom } from './random';
export { maxFlow, MAX_CAPACITY_TOTAL, minVertexCut, immediateDominators, setDominators, disrupt, largestComponent, outAdjacency, type DirectedFlowGraph, type FlowResult, type DominatorResult, type DisruptionStep, type DisruptionOptions } from './flow';
export { supplyChokepoints, shipmentMass, CHOKEPOINT_DEFAULTS, type ChokepointOptions, type ChokepointResult } from './chokepoints';
export { parseSelector, selectEntities, shipmentMatches, matchesExpression, SelectorError, type Selector, type Expression } from './selection';
export { brandesRaw, undirectedAdjacency, type Adjacency } from './betweenness';
export { betweennessRun, betweennessRunCSR, directedAdjacency, sampleSize, achievedEpsilon, BETWEENNESS_RUN_DEFAULTS, type BetweennessRun, type BetweennessRunOptions } from './parallel';
export { louvainCSR, modularityCSR, LOUVAIN_DEFAULTS, type LouvainOptions, type LouvainResult } from './louvain';
