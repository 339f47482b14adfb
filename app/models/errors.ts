/**
 * Marks domain errors across copies of this module: server.ts runs the sources while the Remix build bundles its own
 * copy, so `instanceof` alone cannot recognise an error thrown inside the build from outside it.
 */
const DOMAIN_ERROR = Symbol.for("rongye.DomainError");

/**
 * A rule of the domain was broken by the caller's input. `code` is an i18n key (errors.*); `field` names the form
 * field it belongs to, so routes can show it next to that field.
 */
export class DomainError extends Error {
  constructor(
    public code: string,
    public field?: string,
    public status = 400,
  ) {
    super(code);
    this.name = "DomainError";
    Object.defineProperty(this, DOMAIN_ERROR, { value: true });
  }
}

/** A DomainError (or subclass) from any copy of this module. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError || (typeof error === "object" && error !== null && DOMAIN_ERROR in error);
}

export class ForbiddenError extends DomainError {
  constructor(code = "errors.forbidden") {
    super(code, undefined, 403);
    this.name = "ForbiddenError";
  }
}

export class NotFoundError extends DomainError {
  constructor(code = "errors.notFound") {
    super(code, undefined, 404);
    this.name = "NotFoundError";
  }
}
