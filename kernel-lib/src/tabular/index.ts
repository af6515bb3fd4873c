export { Table } from './table';
export type { Cell, Column, Row } from './table';
export * from './people';
