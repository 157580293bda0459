export { exportTables, noteLine, STATUS_WORDS, type ExportOptions, groupRows, controllerRows, pathText, valueColumn, mercatorY, type Attributes, type ExportNode, type ExportEdge, type Scalar } from './network';
export { columnsOf, type Column, type ColumnType } from './columns';
export { toGexf } from './gexf';
export { toGraphml } from './graphml';
export { toCsv, csvCell, CSV_BOM } from './csv';
export { toFtm } from './ftm';
export { xmlText } from './xml';
