// The entry of every worker thread: Node 20 cannot load TypeScript by itself, and a worker does
// not inherit the tsx hooks of the thread that started it, so each worker registers them first.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.module)
