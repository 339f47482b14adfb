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
  }
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
