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

/** Elements nested deeper than this (the root is 1) are refused; real lists nest 5 deep. */
export const MAX_XML_DEPTH = 64
/**
 * One record (its XML, markup included) may be at most this many characters, and so may any
 * stretch of the file without an element boundary; the largest real record is a few KiB.
 */
export const MAX_RECORD_CHARACTERS = 1024 * 1024
/** Elements in one record; the largest real record has under 200, each held as an object. */
export const MAX_RECORD_ELEMENTS = 10_000

/**
 * Streams an XML list through saxes chunk by chunk, keeping only one record in memory at a time.
 * saxes never expands DTD entities, but a DOCTYPE is refused outright: no list needs one, and
 * that is how entity-expansion ("billion laughs") files begin. A record is bounded too: nesting
 * deeper than MAX_XML_DEPTH, a record longer than MAX_RECORD_CHARACTERS or with more than
 * MAX_RECORD_ELEMENTS elements refuses the file (a
 * 14 MB file of 2,000,000 nested elements in one record took 1.3 GB of memory before).
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
  let recordStartAt = 0
  let recordElements = 0
  let markupAt = 0
  let sawRoot = false
  const characters = MAX_RECORD_CHARACTERS.toLocaleString('en')
  // Checked at every tag and after every chunk, so at most one chunk more is ever held. (Between
  // writes saxes's `position` counts the last chunk twice, so the loop passes its own count.)
  const checkSize = (at = parser.position) => {
    if (stack.length > 0 && at - recordStartAt > MAX_RECORD_CHARACTERS) {
      throw new ListFormatError(
        file,
        recordStart,
        `the <${stack[0]?.name}> record is longer than ${characters} characters (still open at ${where()}); the file is refused whole`,
      )
    }
    if (at - markupAt > MAX_RECORD_CHARACTERS) {
      throw new ListFormatError(
        file,
        where(),
        `more than ${characters} characters without an element boundary; the file is refused whole`,
      )
    }
  }

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
    if (depth >= MAX_XML_DEPTH) {
      throw new ListFormatError(
        file,
        where(),
        `elements nested more than ${MAX_XML_DEPTH} deep; the file is refused whole`,
      )
    }
    checkSize()
    markupAt = parser.position
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
      recordElements = stack.length === 0 ? 1 : recordElements + 1
      if (recordElements > MAX_RECORD_ELEMENTS) {
        throw new ListFormatError(
          file,
          recordStart,
          `the <${stack[0]?.name}> record has more than ${MAX_RECORD_ELEMENTS.toLocaleString('en')} elements (at ${where()}); the file is refused whole`,
        )
      }
      const node: XmlNode = { name, attributes, children: [], text: '' }
      if (stack.length === 0) {
        recordStart = `line ${parser.line}`
        recordStartAt = parser.position
      }
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
    checkSize()
    markupAt = parser.position
    depth -= 1
    closeNode()
  })
  const addText = (text: string) => {
    const node = stack.at(-1)
    if (node) node.text += text
  }
  parser.on('text', addText)
  parser.on('cdata', addText)

  let written = 0
  for await (const chunk of readListText(file, read)) {
    parser.write(chunk)
    written += chunk.length
    checkSize(written)
  }
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
