// Runs a TypeScript module on a worker thread and waits for the one message it posts back.
import { Worker } from 'node:worker_threads'

/**
 * Starts `module` (a file URL of a .ts module) on a worker thread with `input` as
 * `workerData.input`, and resolves with the first message it posts. Rejects if the worker throws
 * or exits without posting; `stop` ends it early (another worker failed).
 */
export function runTsWorker<T>(module: URL, input: unknown): { result: Promise<T>; stop(): void } {
  const worker = new Worker(new URL('./ts-worker.js', import.meta.url), {
    workerData: { module: module.href, input },
  })
  const result = new Promise<T>((resolve, reject) => {
    worker.once('message', (message: T) => {
      resolve(message)
      void worker.terminate()
    })
    worker.once('error', reject)
    worker.once('exit', (code) =>
      reject(new Error(`worker ${module.pathname} exited (${code}) without an answer`)),
    )
  })
  return { result, stop: () => void worker.terminate() }
}
