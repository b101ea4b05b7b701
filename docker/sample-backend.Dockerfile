# syntax=docker/dockerfile:1
# The sample backend (and the traffic generator, from the same image), from the repository
# alone:
#   docker build -f docker/sample-backend.Dockerfile -t xray-sandbox-sample-backend .
# The backend runs its TypeScript with tsx, and forks its notifications service with tsx's
# loader, so tsx is part of the runtime. `pnpm deploy` copies the package with the
# dependencies it declares; tsx is among its devDependencies, hence no --prod (which would
# leave out vitest and the test library, once tsx is listed under dependencies).

FROM node:20-slim AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /repo
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm install --frozen-lockfile --filter "@xray-sandbox/sample-backend..." \
 && pnpm --filter @xray-sandbox/sample-backend deploy /out

FROM node:20-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4567
WORKDIR /app
COPY --from=build /out/ /app/
USER node
EXPOSE 4567
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4567/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--import", "tsx", "src/main.ts"]
