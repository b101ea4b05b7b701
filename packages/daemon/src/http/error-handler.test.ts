import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { errorHandler, notFoundHandler } from "./error-handler.ts";
import { HttpError } from "./http-error.ts";

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "info" },
    {
      write(line: string) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines };
}

function appThrowing(error: unknown) {
  const { logger, lines } = capturingLogger();
  const app = new Hono();
  app.get("/boom", () => {
    throw error;
  });
  app.onError(errorHandler(logger));
  app.notFound(notFoundHandler(() => ["GET /boom"]));
  return { app, lines };
}

describe("errorHandler", () => {
  it("answers an HttpError with its status, code and message", async () => {
    const { app, lines } = appThrowing(new HttpError(409, "TRACE_LOCKED", "trace is locked"));
    const response = await app.request("/boom");
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { code: "TRACE_LOCKED", message: "trace is locked" },
    });
    expect(lines).toEqual([]);
  });

  it("turns anything else into a 500 without leaking it, and logs the stack", async () => {
    const { app, lines } = appThrowing(new TypeError("secret internals"));
    const response = await app.request("/boom");
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("INTERNAL_ERROR");
    expect(body.error.message).not.toContain("secret");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, method: "GET", path: "/boom" });
    expect(JSON.stringify(lines[0])).toContain("TypeError: secret internals");
  });

  it("keeps the status of hono's own client errors", async () => {
    const { app } = appThrowing(new HTTPException(413, { message: "body too large" }));
    const response = await app.request("/boom");
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: "HTTP_413", message: "body too large" },
    });
  });
});

describe("notFoundHandler", () => {
  it("answers 404 in JSON and lists the known paths", async () => {
    const { app } = appThrowing(new Error("unused"));
    const response = await app.request("/nope", { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "NOT_FOUND", message: "no route for POST /nope" },
      paths: ["GET /boom"],
    });
  });
});
