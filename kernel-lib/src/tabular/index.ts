export { Table } from './table';
export type { Cell, Column, Row } from './table';
export * from './people';
export { tableSchema, TableSchema } from './schema';
export type { ColumnSpec, ColumnOptions, ColumnContext, FakerColumn, GeneratedColumn, DistributionColumn, DerivedColumn, SchemaOptions, SchemaChunkOptions } from './schema';
export { distributions } from './distributions';
export type { Distribution } from './distributions';
export * from './io';
