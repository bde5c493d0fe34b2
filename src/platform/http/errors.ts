/** Errors services throw; one handler renders them as RFC 9457 problem+json. */
export type FieldIssue = { field: string; message: string; line?: number }

export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly issues: FieldIssue[] | undefined
  constructor(
    status: number,
    code: string,
    message: string,
    options: { cause?: unknown; issues?: FieldIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? {} : { cause: options.cause })
    this.status = status
    this.code = code
    this.issues = options.issues
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[] = [], code = 'validation_failed') {
    super(400, code, message, { issues })
  }
}

export class NotFoundError extends AppError {
  constructor(code: string, message: string) {
    super(404, code, message)
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string) {
    super(409, code, message)
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'A valid bearer token is required') {
    super(401, 'unauthorized', message)
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this') {
    super(403, 'forbidden', message)
  }
}
