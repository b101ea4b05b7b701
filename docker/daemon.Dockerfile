# syntax=docker/dockerfile:1
# The sandbox daemon with the built viewer, from the repository alone:
#   docker build -f docker/daemon.Dockerfile -t xray-sandbox .
# The build stage installs the workspace with pnpm and packs the release tarballs
# (`pnpm pack:release`), then installs them with npm as any user's project would: the image
# runs the same package `npm install xray-sandbox` gives, with its production dependencies
# only. No sources, no tsx.

FROM node:20-slim AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /repo
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/root/.local/share/pnpm/store \
    pnpm install --frozen-lockfile
RUN pnpm pack:release \
 && mkdir -p /out \
 && echo '{"private":true}' > /out/package.json \
 && npm install --prefix /out --omit=dev --no-audit --no-fund \
      ./release/xray-sandbox-segments-*.tgz ./release/xray-sandbox-[0-9]*.tgz

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
ENTRYPOINT ["node", "/app/node_modules/xray-sandbox/dist/cli.js"]
# Inside a container the daemon listens on every interface; publish its ports on the
# host's loopback only (see docker-compose.yml), which --allow-remote-without-token says.
# To share it, pass -e XRAY_SANDBOX_AUTH_TOKEN=<token>: the API, the live stream and the
# viewer then ask for it (ingest and /api/health never do, so the health check passes).
CMD ["--bind", "0.0.0.0:2000", "--bind-tcp", "0.0.0.0:2000", "--allow-remote-without-token", "--data-dir", "/data", "--log-format", "json"]
