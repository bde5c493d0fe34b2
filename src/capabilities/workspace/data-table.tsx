import type { Child } from 'hono/jsx'

/** One column of a table: its heading and how a row fills its cell. */
export type Column<T> = {
  header: string
  /** The cell's content for a row. */
  cell: (row: T) => Child
  /** The cell's class (`num` right-aligns it). */
  class?: string
  /** The heading's class. */
  headerClass?: string
}

/** A plain table of rows under column headings, as every workspace list shows them. */
export function DataTable<T>(props: { caption?: string; columns: Column<T>[]; rows: T[] }) {
  return (
    <table>
      {props.caption !== undefined ? <caption>{props.caption}</caption> : null}
      <TableHead columns={props.columns} />
      <tbody>
        {props.rows.map((row) => (
          <tr>
            {props.columns.map((column) => (
              <td class={column.class}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The heading row alone, for tables whose body is not one row per item. */
export function TableHead(props: {
  columns: readonly Pick<Column<never>, 'header' | 'headerClass'>[]
}) {
  return (
    <thead>
      <tr>
        {props.columns.map((column) => (
          <th scope="col" class={column.headerClass}>
            {column.header}
          </th>
        ))}
      </tr>
    </thead>
  )
}
