# syntax=docker/dockerfile:1
# The sample backend (and the traffic generator, from the same image), from the repository
# alone:
#   docker build -f docker/sample-backend.Dockerfile -t xray-sandbox-sample-backend .
# The backend runs its TypeScript with tsx, and forks its notifications service with tsx's
# loader, so tsx is one of its runtime dependencies. `pnpm deploy --prod` copies the package
# with those dependencies only (no test tooling).

FROM node:20-slim AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /repo
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm install --frozen-lockfile --filter "@xray-sandbox/sample-backend..." \
 && pnpm --filter @xray-sandbox/sample-backend deploy --prod /out

FROM node:20-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4567
WORKDIR /app
COPY --from=build /out/ /app/
USER node
EXPOSE 4567
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4567/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "src/main.ts"]
