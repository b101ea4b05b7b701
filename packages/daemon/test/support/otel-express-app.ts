/**
 * A small Express app for tests that run it under an OpenTelemetry distribution (ADOT's
 * `--require …/register`): it prints `listening PORT` once bound, and has a route that marks
 * an attribute as an annotation, one that fails, and one that calls another route over HTTP.
 */

import { trace } from "@opentelemetry/api";
import express from "express";

const app = express();

app.get("/users/:id", (request, response) => {
  const span = trace.getActiveSpan();
  span?.setAttribute("user.tier", "gold");
  span?.setAttribute("aws.xray.annotations", ["user.tier"]);
  response.json({ id: request.params.id });
});

app.get("/fail", () => {
  throw new Error("the feed is unavailable");
});

app.get("/proxy", async (_request, response) => {
  const upstream = await fetch(`http://127.0.0.1:${port}/users/7`);
  response.json(await upstream.json());
});

let port = 0;
const server = app.listen(0, "127.0.0.1", () => {
  const address = server.address();
  port = typeof address === "object" && address !== null ? address.port : 0;
  process.stdout.write(`listening ${port}\n`);
});

process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
});
