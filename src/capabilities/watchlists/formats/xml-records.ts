import { SaxesParser } from 'saxes'
import { ListFormatError } from './list-format-error.ts'
import { type ReadListOptions, readListText } from './read-list-input.ts'

/** A parsed element: local tag name (prefix kept), attributes, child elements and own text. */
export type XmlNode = {
  name: string
  attributes: Record<string, string>
  children: XmlNode[]
  text: string
}

export type XmlRecordHandlers = {
  /** The root element's name must be this (after any prefix), else the file is the wrong format. */
  root: string
  /** Called once with the root element's attributes. */
  onRoot?: (attributes: Record<string, string>) => void
  /** Whether an element opening at this depth (root = 0) is one record, collected whole. */
  isRecord: (name: string, depth: number) => boolean
  /** Called with each record and the `line N` it starts on. */
  onRecord: (node: XmlNode, position: string) => void
}

/**
 * Streams an XML list through saxes chunk by chunk, keeping only one record in memory at a time.
 * saxes never expands DTD entities, but a DOCTYPE is refused outright: no list needs one, and
 * that is how entity-expansion ("billion laughs") files begin.
 */
export async function readXmlRecords(
  file: string,
  read: ReadListOptions,
  handlers: XmlRecordHandlers,
): Promise<void> {
  const parser = new SaxesParser({ position: true })
  const where = () => `line ${parser.line}:${parser.column + 1}`
  const stack: XmlNode[] = []
  let depth = 0
  let recordStart = ''
  let sawRoot = false

  parser.on('error', (error) => {
    throw new ListFormatError(
      file,
      where(),
      `not well-formed XML: ${error.message.replace(/^(?:.*?:)?\d+:\d+: /, '')}`,
      {
        cause: error,
      },
    )
  })
  parser.on('doctype', () => {
    throw new ListFormatError(
      file,
      where(),
      'DOCTYPE declarations are refused (entity expansion risk)',
    )
  })
  parser.on('opentag', (tag) => {
    const attributes = tag.attributes as Record<string, string>
    const name = tag.name.includes(':') ? tag.name.slice(tag.name.indexOf(':') + 1) : tag.name
    if (depth === 0) {
      if (name !== handlers.root) {
        throw new ListFormatError(
          file,
          where(),
          `root element is <${tag.name}>, expected <${handlers.root}>`,
        )
      }
      sawRoot = true
      handlers.onRoot?.(attributes)
    }
    if (stack.length > 0 || handlers.isRecord(name, depth)) {
      const node: XmlNode = { name, attributes, children: [], text: '' }
      if (stack.length === 0) recordStart = `line ${parser.line}`
      stack.at(-1)?.children.push(node)
      stack.push(node)
    }
    depth += 1
  })
  const closeNode = () => {
    const node = stack.pop()
    if (node && stack.length === 0) handlers.onRecord(node, recordStart)
  }
  // saxes reports a self-closing tag as an open and a close, so depth stays balanced.
  parser.on('closetag', () => {
    depth -= 1
    closeNode()
  })
  const addText = (text: string) => {
    const node = stack.at(-1)
    if (node) node.text += text
  }
  parser.on('text', addText)
  parser.on('cdata', addText)

  for await (const chunk of readListText(file, read)) parser.write(chunk)
  parser.close()
  if (!sawRoot) throw new ListFormatError(file, null, `no <${handlers.root}> element`)
}

/** First child element with this name. */
export function child(node: XmlNode, name: string): XmlNode | undefined {
  return node.children.find((c) => c.name === name)
}

/** Every child element with this name. */
export function children(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name)
}

/** Text of the first child element with this name ('' when absent). */
export function childText(node: XmlNode, name: string): string {
  return child(node, name)?.text ?? ''
}
