# syntax=docker/dockerfile:1
# The sandbox daemon with the built viewer, from the repository alone:
#   docker build -f docker/daemon.Dockerfile -t xray-sandbox .
# The build stage installs the workspace with pnpm, builds the viewer and bundles the daemon's
# TypeScript (with the workspace packages and npm dependencies it imports) into one ES module
# (docker/bundle-daemon.mjs). The runtime image is Node and those files: no tsx, no
# node_modules, no sources.

FROM node:20-slim AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /repo
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm install --frozen-lockfile \
      --filter "xray-sandbox..." --filter "@xray-sandbox/viewer..."
# /out mirrors the repository's layout: the daemon finds its package.json and the viewer
# relative to its own file.
RUN pnpm --filter @xray-sandbox/viewer build \
 && node docker/bundle-daemon.mjs /out/packages/daemon/dist/cli.mjs \
 && cp packages/daemon/package.json /out/packages/daemon/package.json \
 && mkdir -p /out/apps/viewer \
 && cp -r apps/viewer/dist /out/apps/viewer/dist

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /out/ /app/
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 2000/udp 2000/tcp
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:2000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/packages/daemon/dist/cli.mjs"]
# Inside a container the daemon listens on every interface; publish its ports on the
# host's loopback only (see docker-compose.yml).
CMD ["--bind", "0.0.0.0:2000", "--bind-tcp", "0.0.0.0:2000", "--data-dir", "/data", "--log-format", "json"]
