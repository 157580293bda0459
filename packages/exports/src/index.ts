export { exportTables, exportGraph, mercatorY, type ExportNode, type ExportEdge, type Scalar } from './network';
export { toGexf } from './gexf';
export { toGraphml } from './graphml';
export { toCsv, csvCell } from './csv';
export { toFtm } from './ftm';
