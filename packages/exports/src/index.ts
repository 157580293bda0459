export { exportNetwork, exportTables, noteLine, STATUS_WORDS, type ExportOptions, type ExportNetwork, groupRows, controllerRows, pathText, valueColumn, mercatorY, type Attributes, type ExportNode, type ExportEdge, type Scalar } from './network';
export { columnsOf, type Column, type ColumnType } from './columns';
export { toGexf, writeGexf } from './gexf';
export { toGraphml, writeGraphml } from './graphml';
export { toCsv, csvTables, csvCell, CSV_BOM, CSV_TABLES, type CsvTable } from './csv';
export { toFtm, writeFtm } from './ftm';
export { collected, type TextSink } from './sink';
export { xmlText } from './xml';
export { RECORD_BATCH, ShipmentPairs, type ShipmentPair, type ExportProgress } from './records';
