import type { ServerBuild } from "@remix-run/node";
import { describe, expect, it, vi } from "vitest";
import { DomainError, ForbiddenError, NotFoundError } from "../../app/models/errors";
import { domainErrorResponse, mapDomainErrors, withDomainErrors } from "../../app/utils/http-errors.server";

async function thrownBy(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected the work to throw");
}

describe("domain error → HTTP answer", () => {
  it.each([
    [new NotFoundError(), 404, "errors.notFound"],
    [new ForbiddenError("jobs:errors.employersOnly"), 403, "jobs:errors.employersOnly"],
    [new DomainError("applications:errors.invalidTransition", undefined, 409), 409, "applications:errors.invalidTransition"],
    [new DomainError("errors.tooLong", "reason"), 400, "errors.tooLong"],
  ])("%s → %i with its i18n key", async (error, status, message) => {
    const response = domainErrorResponse(error);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ message });
  });

  it("a wrapped loader throws the response for a domain error and passes other errors and results through", async () => {
    const failing = withDomainErrors(async (_id: string) => {
      throw new NotFoundError();
    });
    const thrown = await thrownBy(failing("xyz"));
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(404);

    const broken = withDomainErrors(async () => {
      throw new TypeError("boom");
    });
    expect(await thrownBy(broken())).toBeInstanceOf(TypeError);

    const redirect = new Response(null, { status: 302, headers: { Location: "/signin" } });
    const redirecting = withDomainErrors(async () => {
      throw redirect;
    });
    expect(await thrownBy(redirecting())).toBe(redirect);

    expect(await withDomainErrors(async (n: number) => n + 1)(1)).toBe(2);
  });

  it("mapDomainErrors wraps every route's loader and action and keeps the rest of the module", async () => {
    const Component = () => null;
    const build = {
      routes: {
        "routes/x": {
          id: "routes/x",
          path: "x",
          module: {
            default: Component,
            loader: async () => {
              throw new ForbiddenError();
            },
            action: async () => {
              throw new DomainError("errors.badForm", undefined, 409);
            },
          },
        },
        "routes/y": { id: "routes/y", path: "y", module: { default: Component } },
      },
    } as unknown as ServerBuild;
    const mapped = mapDomainErrors(build);
    const x = mapped.routes["routes/x"]!.module;
    expect(x.default).toBe(Component);
    const args = {} as never;
    expect(((await thrownBy(Promise.resolve().then(() => x.loader!(args)))) as Response).status).toBe(403);
    expect(((await thrownBy(Promise.resolve().then(() => x.action!(args)))) as Response).status).toBe(409);
    expect(mapped.routes["routes/y"]!.module.loader).toBeUndefined();
    expect(build.routes["routes/x"]!.module).not.toBe(x);
  });
});

describe("domain errors from another copy of the module", () => {
  it("are recognised (the Remix build bundles its own copy of app/models/errors.ts)", async () => {
    vi.resetModules();
    const copy = await import("../../app/models/errors");
    const foreign = new copy.NotFoundError();
    expect(foreign).not.toBeInstanceOf(NotFoundError);
    const thrown = await thrownBy(
      withDomainErrors(async () => {
        throw foreign;
      })(),
    );
    expect((thrown as Response).status).toBe(404);
  });
});
