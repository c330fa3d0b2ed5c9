# Pinnwand as a container: `docker build -t pinnwand .`, then see compose.yaml and
# docs/operations.md ("Container"). Three stages: build the web app with the full development
# install; install the server's production dependencies alone; copy both into a small image
# that runs as the unprivileged user `node`, keeps its data in the /data volume and starts node
# directly (exec form), so `docker stop` sends SIGTERM to the server itself, which flushes every
# board and exits. scripts/dockerfileDryRun.mjs runs these steps without a container engine.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY client/package.json client/
COPY server/package.json server/
COPY shared/package.json shared/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npx -y pnpm@10.34.9 install --frozen-lockfile
COPY . .
RUN npx -y pnpm@10.34.9 build

FROM ${NODE_IMAGE} AS server-deps
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY client/package.json client/
COPY server/package.json server/
COPY shared/package.json shared/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npx -y pnpm@10.34.9 install --frozen-lockfile --prod --filter @pinnwand/server...

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=8080
WORKDIR /app
COPY --from=server-deps /app/node_modules node_modules
COPY --from=server-deps /app/server/node_modules server/node_modules
COPY --from=server-deps /app/shared/node_modules shared/node_modules
COPY package.json LICENSE ./
COPY scripts/start.mjs scripts/checkNode.mjs scripts/
COPY server/package.json server/
COPY server/src server/src
COPY shared/package.json shared/
COPY shared/src shared/src
COPY --from=build /app/client/dist client/dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "scripts/start.mjs"]
